package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code camelot serve} as a real child process, stops it (SIGTERM) while work orders are
 * still queued, restarts it on the same data directory, and checks that every acknowledged work
 * order has exactly one result: wallet deposits make a double run or a lost one visible.
 */
class RestartTest {
  static final int DEPOSITS = 60;
  @TempDir Path dataDir;
  Process server;

  @AfterEach
  void kill() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  Process serve(int port) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            CamelotCli.class.getName(),
            "serve",
            "--port",
            Integer.toString(port),
            "--data-dir",
            dataDir.toString());
    builder.redirectErrorStream(true);
    builder.redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-server.log").toFile());
    return builder.start();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static VerifiedWorker awaitWorker(Requester requester) {
    String id = WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptionsInstanceOf(TcsException.class)
        .until(() -> requester.findWorkers(new WorkerLookUpParams(null, null, null, null, null)).contains(id));
    return requester.worker(id);
  }

  @Test
  void everyAcknowledgedWorkOrderCompletesExactlyOnceAcrossARestart() throws Exception {
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    server = serve(port);
    List<SubmittedWorkOrder> submitted = new ArrayList<>();
    // One client throughout: it reconnects to the restarted server at the same URL.
    try (DirectTcsClient client = DirectTcsClient.create(url)) {
      Requester requester = Requester.builder(client).allowSimulation().build();
      VerifiedWorker worker = awaitWorker(requester);
      for (int i = 0; i < DEPOSITS; i++) {
        submitted.add(
            requester.newWorkOrder(worker, "simple-wallet").input("deposit carol 1").submit());
      }
      // Each submit was acknowledged (code 5), so each is durable; stop with work still queued.
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

      server = serve(port);
      awaitWorker(requester);
      for (SubmittedWorkOrder order : submitted) {
        assertThat(order.await(Duration.ofSeconds(60)).text(0)).startsWith("WALLET RESULT: carol::");
      }
      String balance =
          requester
              .newWorkOrder(worker, "simple-wallet")
              .input("withdraw carol 1")
              .submit()
              .await()
              .text(0);
      assertThat(balance).isEqualTo("WALLET RESULT: carol::" + (DEPOSITS - 1));
    }
    assertThat(Files.exists(dataDir.resolve("store"))).isTrue();
  }
}
