package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamelotConfigTest {
  @TempDir Path dir;

  Path toml(String text) throws IOException {
    return Files.writeString(dir.resolve("camelot.toml"), text);
  }

  @Test
  void keysInTheFileReplaceDefaultsOneByOne() throws IOException {
    CamelotConfig config =
        CamelotConfig.load(toml("[listener]\nport = 2048\nsync_mode = true\n\n[worker]\nname = \"w9\"\n"));

    assertThat(config.listener().port()).isEqualTo(2048);
    assertThat(config.listener().syncMode()).isTrue();
    assertThat(config.listener().host()).isEqualTo(CamelotConfig.defaults().listener().host());
    assertThat(config.worker().name()).isEqualTo("w9");
    assertThat(config.worker().organizationId()).isEqualTo(CamelotConfig.defaults().worker().organizationId());
    assertThat(config.queue()).isEqualTo(CamelotConfig.defaults().queue());
  }

  @Test
  void theDocumentedExampleLoads() throws IOException {
    String doc = Files.readString(Path.of("../docs/configuration.md"));
    String example = doc.substring(doc.indexOf("```toml") + 7, doc.indexOf("```", doc.indexOf("```toml") + 7));
    CamelotConfig loaded = CamelotConfig.load(toml(example));
    CamelotConfig defaults = CamelotConfig.defaults();
    assertThat(loaded.listener()).isEqualTo(defaults.listener());
    assertThat(loaded.store()).isEqualTo(defaults.store());
    assertThat(loaded.queue()).isEqualTo(defaults.queue());
    assertThat(loaded.worker().name()).isEqualTo(defaults.worker().name());
    assertThat(loaded.worker().concurrency()).isEqualTo(2);
    assertThat(loaded.security()).isEqualTo(defaults.security());
  }

  @Test
  void securityKeysAreReadAndAnUnknownTlsModeIsNamed() throws IOException {
    CamelotConfig config =
        CamelotConfig.load(toml("[security]\ntls = \"dev\"\nrate_per_requester = 5.0\nmax_items = 3\n"));
    assertThat(config.security().tls()).isEqualTo(CamelotConfig.Security.TLS_DEV);
    assertThat(config.security().ratePerRequester()).isEqualTo(5.0);
    assertThat(config.security().maxItems()).isEqualTo(3);
    assertThat(config.security().burstPerAddress()).isEqualTo(CamelotConfig.defaults().security().burstPerAddress());
    assertThatThrownBy(() -> CamelotConfig.load(toml("[security]\ntls = \"maybe\"\n")))
        .hasMessageContaining("[security] tls must be");
  }

  @Test
  void unknownSectionsAndKeysAreNamed() throws IOException {
    assertThatThrownBy(() -> CamelotConfig.load(toml("[listner]\nport = 1\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown section [listner]");
    assertThatThrownBy(() -> CamelotConfig.load(toml("[listener]\nprot = 1\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prot");
    assertThatThrownBy(() -> CamelotConfig.load(toml("[listener]\nport = \"x\"\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid configuration");
  }

  @Test
  void cryptoProviderDefaultsToJca() {
    assertThat(CamelotConfig.defaults().crypto().provider()).isEqualTo("jca");
  }

  @Test
  void cryptoSectionSelectsTheProvider() throws IOException {
    Path file = Files.writeString(dir.resolve("camelot.toml"), "[crypto]\nprovider = \"accp\"\n");

    CamelotConfig config = CamelotConfig.load(file);

    assertThat(config.crypto().provider()).isEqualTo("accp");
    assertThat(config.listener()).isEqualTo(CamelotConfig.defaults().listener());
  }

  @Test
  void workersOfferRsaOnlyUnlessX25519IsListed() throws IOException {
    assertThat(CamelotConfig.defaults().worker().keyEncryption()).containsExactly("RSA-OAEP-3072");
    assertThat(CamelotConfig.defaults().worker().offersX25519()).isFalse();
    Path file =
        Files.writeString(
            dir.resolve("camelot.toml"),
            "[worker]\nkey_encryption = [\"RSA-OAEP-3072\", \"X25519-HKDF-SHA256-AES-GCM-256\"]\n");

    assertThat(CamelotConfig.load(file).worker().offersX25519()).isTrue();
  }

  @Test
  void unknownKeyEncryptionIsRefused() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("camelot.toml"), "[worker]\nkey_encryption = [\"RSA-OAEP-3072\", \"ECIES\"]\n");
    assertThatThrownBy(() -> CamelotConfig.load(file).worker().offersX25519())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"ECIES\"");
  }
}
