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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code camelot serve} as a real child process, stops it (SIGTERM) while work orders are
 * still queued, restarts it on the same data directory, and checks that every acknowledged work
 * order has exactly one result: a slow counting workload makes a double run or a lost one visible.
 */
class RestartTest {
    static final int WORK_ORDERS = 40;

    @TempDir
    Path dataDir;

    Process server;

    @AfterEach
    void kill() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code camelot serve} on this port and data directory, with {@code extraArgs}. */
    Process serve(int port, String... extraArgs) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CamelotCli.class.getName(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString(),
                // Ephemeral: a fixed admin port would collide with any other Camelot process on the
                // host.
                "--admin-port",
                "0"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        // Both runs append to one log kept beside the data directory, for diagnosis.
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        return builder.start();
    }

    Path log() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static VerifiedWorker awaitWorker(Requester requester) {
        return awaitWorker(requester, WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME));
    }

    /** The worker with this id, once the TCS at the requester's URL lists it. */
    static VerifiedWorker awaitWorker(Requester requester, String id) {
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsInstanceOf(TcsException.class)
                .until(() -> requester
                        .findWorkers(new WorkerLookUpParams(null, null, null, null, null))
                        .contains(id));
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
            for (int i = 0; i < WORK_ORDERS; i++) {
                submitted.add(requester
                        .newWorkOrder(worker, SlowCounter.NAME)
                        .input("add")
                        .submit());
            }
            // Each submit was acknowledged (code 5), so each is durable; stop with work still queued.
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

            server = serve(port);
            awaitWorker(requester);
            List<String> counts = new ArrayList<>();
            for (SubmittedWorkOrder order : submitted) {
                counts.add(order.await(Duration.ofSeconds(60)).text(0));
            }
            // Exactly once: the counts are 1..N, each seen once, whatever order they ran in.
            assertThat(counts)
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, WORK_ORDERS)
                            .mapToObj(n -> "COUNT: " + n)
                            .toList());
        }
        assertThat(Files.readString(log()))
                .as("the restarted server recovered queued work orders")
                .containsPattern("Recovering \\d+ pending work order");
    }
}
