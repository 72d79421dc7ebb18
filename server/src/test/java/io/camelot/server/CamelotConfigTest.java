package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

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
}
