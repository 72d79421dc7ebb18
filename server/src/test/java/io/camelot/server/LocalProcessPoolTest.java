package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelot.attestation.Tee;
import io.camelot.scheduler.elastic.LocalProcessLauncher;
import io.camelot.scheduler.elastic.PoolLoad;
import io.camelot.scheduler.elastic.PoolScaler;
import io.camelot.scheduler.elastic.ScalingPolicy;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.store.postgres.PostgresQueueTable;
import io.camelot.store.postgres.PostgresQueueTable.QueueDepth;
import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.TestPostgres;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool scaler with real OS processes: worker instances ({@code camelot worker}) sharing one
 * provisioned identity are started under a queued burst, one killed is replaced, and all are
 * drained and stopped once the queue is idle.
 */
class LocalProcessPoolTest {
    static final String NAME = "pool-worker";

    @TempDir
    Path dir;

    @Test
    void instancesFollowTheQueueAndADeadOneIsReplaced() throws Exception {
        Path configFile = dir.resolve("camelot.toml");
        Path dataDir = dir.resolve("identity");
        Files.writeString(
                configFile, """
        [store]
        backend = "postgres"
        url = "%s"
        user = "postgres"
        pool_size = 4
        data_dir = "%s"

        [cluster]
        lease_ms = 3000

        [listener]
        port = 0

        [admin]
        port = 0

        [worker]
        name = "%s"
        concurrency = 1
        """.formatted(TestPostgres.get().newDatabase(4).url(), dataDir, NAME));
        CamelotConfig config = CamelotConfig.load(configFile);

        // Provisioning, before any instance runs: the identity's keys, sealed in the
        // shared-by-this-host
        // directory, and its record in the Worker Directory.
        Clock clock = Clock.systemUTC();
        Tee tee = WorkerAssembly.openTee(config.worker(), dataDir, clock);
        var workerConfig = config.worker().toSettings();
        WorkerKeys keys = WorkerKeys.loadOrCreate(
                dataDir.resolve("workers").resolve(workerConfig.workerId() + ".keys.sealed"), tee, false);

        try (PostgresTcsStore store = PostgresTcsStore.open(config.store().postgresSettings());
                ListenerNode listener = ListenerNode.start(config);
                DirectTcsClient client = DirectTcsClient.create("http://127.0.0.1:" + listener.port());
                LocalProcessLauncher launcher = new LocalProcessLauncher(
                        instance -> CamelotProcesses.command(
                                "worker", "--config", configFile.toString(), "--admin-port", "0"),
                        dir)) {
            new SingletonWorker(workerConfig, keys, tee, Workloads.load(), store, clock).register();
            // Worker processes start only once work orders queue: the scaler serves the worker meanwhile,
            // so that the listener admits them (docs/scale-out.md, served workers).
            new PostgresQueueTable(store).serve(workerConfig.workerId(), "scaler", Duration.ofMinutes(10));
            Requester requester = Requester.builder(client).allowSimulation().build();
            VerifiedWorker worker = requester.worker(workerConfig.workerId());
            List<SubmittedWorkOrder> burst = WorkOrders.submitEchoes(requester, "item ", 40, worker);

            PoolScaler scaler = new PoolScaler(
                    launcher,
                    new ScalingPolicy(0, 3, 5, 1, 0.5, Duration.ofSeconds(2)),
                    () -> {
                        QueueDepth depth = new PostgresQueueTable(store).queueDepth(workerConfig.workerId());
                        return new PoolLoad(depth.queued(), depth.leased());
                    },
                    "wp",
                    clock);
            try (scaler) {
                assertThat(scaler.reconcile()).isEqualTo(3);
                assertThat(launcher.instances()).containsOnlyKeys("wp-1", "wp-2", "wp-3");

                launcher.process("wp-2").destroyForcibly().waitFor();
                assertThat(scaler.reconcile()).isEqualTo(3);
                assertThat(launcher.instances()).containsOnlyKeys("wp-1", "wp-3", "wp-4");

                scaler.start(Duration.ofMillis(300));
                for (int i = 0; i < burst.size(); i++) {
                    assertThat(burst.get(i).await(Duration.ofSeconds(120)).text(0))
                            .isEqualTo("RESULT: item " + i);
                }
                // Idle: drained and stopped one by one, down to the minimum of none.
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> launcher.instances().isEmpty());
            }
            assertThat(store.pendingCount()).isZero();
        }
    }
}
