package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.sdk.DirectTcsClient;
import io.camelot.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code camelot operator keygen} and {@code camelot operator call} against a node that lists the key. */
class OperatorCommandTest {
  @TempDir Path dir;

  @Test
  void aGeneratedKeySignsOperatorCallsTheNodeAccepts() throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(new CommandLine(new CamelotCli()).execute("operator", "keygen", "--out", keys.toString())).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(OperatorCommand.PRIVATE_KEY_FILE))))
        .isEqualTo("rw-------");

    CamelotConfig defaults = CamelotConfig.defaults();
    CamelotConfig.Security s = defaults.security();
    CamelotConfig config =
        new CamelotConfig(
            new CamelotConfig.Listener("127.0.0.1", 0, 1 << 20, false, 9000, true),
            new CamelotConfig.Store(dir.resolve("data").toString(), 256),
            defaults.queue(), defaults.worker(), defaults.crypto()).withSecurity(new CamelotConfig.Security(
                CamelotConfig.Security.TLS_OFF, "", "", "", keys.resolve(OperatorCommand.PUBLIC_KEY_FILE).toString(), 300,
                s.ratePerAddress(), s.burstPerAddress(), s.ratePerRequester(), s.burstPerRequester(),
                s.maxItems(), s.maxItemChars()));
    String workerId = WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME);
    try (TcsNode node = TcsNode.start(config);
        DirectTcsClient client = DirectTcsClient.create(node.url("127.0.0.1"))) {
      int exit =
          new CommandLine(new CamelotCli())
              .execute(
                  "operator", "call", "--url", node.url("127.0.0.1"),
                  "--key", keys.resolve(OperatorCommand.PRIVATE_KEY_FILE).toString(),
                  "--method", "WorkerSetStatus",
                  "--params", "{\"workerId\":\"" + workerId + "\",\"status\":3}");
      assertThat(exit).isZero();
      assertThat(client.workerRetrieve(workerId).status()).isEqualTo(3);
    }
  }
}
