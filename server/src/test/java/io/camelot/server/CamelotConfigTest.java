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
