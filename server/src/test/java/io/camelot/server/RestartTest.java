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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    final CamelotProcesses processes = new CamelotProcesses();

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
        Process server = processes.serve(dataDir, port);
        // One client throughout: it reconnects to the restarted server at the same URL.
        try (DirectTcsClient client = DirectTcsClient.create(url)) {
            Requester requester = Requester.builder(client).allowSimulation().build();
            VerifiedWorker worker = awaitWorker(requester);
            List<SubmittedWorkOrder> submitted = WorkOrders.submitCounts(requester, worker, WORK_ORDERS);
            // Each submit was acknowledged (code 5), so each is durable; stop with work still queued.
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

            server = processes.serve(dataDir, port);
            awaitWorker(requester);
            WorkOrders.assertCountedOnce(submitted, Duration.ofSeconds(60));
        }
        assertThat(Files.readString(CamelotProcesses.serveLog(dataDir)))
                .as("the restarted server recovered queued work orders")
                .containsPattern("Recovering \\d+ pending work order");
    }
}
