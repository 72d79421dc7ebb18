package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsClient;
import io.camelot.sdk.TcsException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.store.postgres.PostgresSettings;
import io.camelot.store.postgres.TestPostgres;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code camelot listener} and two {@code camelot worker} processes on one PostgreSQL: every
 * call of the requester goes to the next listener in turn, so each work order is submitted through
 * one listener and its result read through others; then a worker process is killed (SIGKILL) with
 * work orders queued, and its restart finishes each of them exactly once.
 */
class ScaleOutProcessTest {
    static final String WORKER_1 = "scale-worker-1";
    static final String WORKER_2 = "scale-worker-2";

    @TempDir
    Path dir;

    final List<Process> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    Path config(PostgresSettings database) throws IOException {
        Path file = dir.resolve("camelot.toml");
        Files.writeString(file, """
        [store]
        backend = "postgres"
        url = "%s"
        user = "%s"
        pool_size = 4

        [cluster]
        lease_ms = 3000

        [worker]
        concurrency = 1
        """.formatted(database.url(), database.user()));
        return file;
    }

    Process start(String name, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(CamelotProcesses.command(args)).redirectErrorStream(true);
        builder.redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    void awaitReady(int healthPort) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health/ready"))
                .build();
        await().atMost(Duration.ofSeconds(120))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() ->
                        http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    Process worker(Path config, String name, int healthPort) throws IOException {
        return start(
                name,
                "worker",
                "--config",
                config.toString(),
                "--name",
                name,
                "--data-dir",
                dir.resolve(name).toString(),
                "--admin-port",
                Integer.toString(healthPort));
    }

    /** A client whose every call goes to the next listener in turn. */
    static TcsClient roundRobin(List<DirectTcsClient> listeners) {
        AtomicInteger next = new AtomicInteger();
        return (TcsClient) Proxy.newProxyInstance(
                TcsClient.class.getClassLoader(), new Class<?>[] {TcsClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        listeners.forEach(DirectTcsClient::close);
                        return null;
                    }
                    try {
                        return method.invoke(
                                listeners.get(Math.floorMod(next.getAndIncrement(), listeners.size())), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void listenersShareOneStoreAndAKilledWorkerProcessRecoversItsQueue() throws Exception {
        Path config = config(TestPostgres.get().newDatabase(4));
        List<DirectTcsClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = RestartTest.freePort();
            int health = RestartTest.freePort();
            start(
                    "listener-" + i,
                    "listener",
                    "--config",
                    config.toString(),
                    "--port",
                    Integer.toString(port),
                    "--admin-port",
                    Integer.toString(health));
            awaitReady(health);
            clients.add(DirectTcsClient.create("http://127.0.0.1:" + port));
        }
        int health1 = RestartTest.freePort();
        int health2 = RestartTest.freePort();
        worker(config, WORKER_1, health1);
        Process worker2 = worker(config, WORKER_2, health2);
        awaitReady(health1);
        awaitReady(health2);

        try (TcsClient client = roundRobin(clients)) {
            Requester requester = Requester.builder(client).allowSimulation().build();
            String id1 = WorkerConfig.idOf(WORKER_1);
            String id2 = WorkerConfig.idOf(WORKER_2);
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptionsInstanceOf(TcsException.class)
                    .until(() -> requester
                            .findWorkers(new WorkerLookUpParams(null, null, null, null, null))
                            .containsAll(List.of(id1, id2)));
            VerifiedWorker first = requester.worker(id1);
            VerifiedWorker second = requester.worker(id2);

            WorkOrders.assertEchoes(
                    WorkOrders.submitEchoes(requester, "hello ", 12, first, second), "hello ", Duration.ofSeconds(60));

            // Work orders queued for worker 2, which is then killed without a chance to drain.
            List<SubmittedWorkOrder> counts = WorkOrders.submitCounts(requester, second, 15);
            worker2.destroyForcibly();
            assertThat(worker2.waitFor(30, TimeUnit.SECONDS)).isTrue();
            awaitReady(health1);
            worker(config, WORKER_2, health2);

            WorkOrders.assertCountedOnce(counts, Duration.ofSeconds(120));
        }
    }
}
