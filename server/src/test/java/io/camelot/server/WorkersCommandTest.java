package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code camelot workers} names each worker's status and type instead of printing EEA codes. */
class WorkersCommandTest {
  @TempDir Path dataDir;
  @RegisterExtension final TcsNodeExtension tcs = new TcsNodeExtension();

  @Test
  void listsStatusAndTypeByName() {
    TcsNode node = tcs.start(TestConfigs.loopback(dataDir).build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = CamelotCli.commandLine().execute("workers", "--url", node.url("127.0.0.1"));
    } finally {
      System.setOut(original);
    }
    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(node.worker().workerId())
        .contains("ACTIVE (1)")
        .contains("TEE_SGX")
        .contains("1 worker(s)");
  }

  @Test
  void unknownCodesArePrintedAsTheyAre() {
    assertThat(WorkersCommand.statusName(4)).isEqualTo("COMPROMISED (4)");
    assertThat(WorkersCommand.statusName(9)).isEqualTo("9");
    assertThat(WorkersCommand.typeName(2)).isEqualTo("MPC");
    assertThat(WorkersCommand.typeName(null)).isEqualTo("-");
  }
}
