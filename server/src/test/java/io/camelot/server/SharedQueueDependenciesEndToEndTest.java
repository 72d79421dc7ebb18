package io.camelot.server;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.Tee;
import io.camelot.store.postgres.PostgresQueueTable;
import io.camelot.store.postgres.PostgresSettings;
import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.SharedQueueWorker;
import io.camelot.store.postgres.SharedWorkOrderQueue;
import io.camelot.store.postgres.TestPostgres;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.Workloads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every scenario of {@link DependenciesEndToEndTest} (hundreds of concurrent wallet transfers with
 * exact balances, failure propagation across workers, refusals, a verified hand-off chain of three)
 * on the scale-out setup: a listener on the shared PostgreSQL queue and one worker process per
 * worker, each with its own pool and LISTEN connection, all on one database.
 */
class SharedQueueDependenciesEndToEndTest extends DependenciesEndToEndTest {

    @Override
    @BeforeEach
    void startTwoWorkerNode() {
        Clock clock = Clock.systemUTC();
        PostgresSettings database = TestPostgres.get().newDatabase(8);
        PostgresTcsStore listenerStore = started.add(PostgresTcsStore.open(database));
        SharedWorkOrderQueue queue =
                started.add(new SharedWorkOrderQueue(new PostgresQueueTable(listenerStore), queueSettings(), clock));
        Tee tee = SimulatedTee.open(dataDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), clock);
        for (String name : List.of("dep-worker-a", "dep-worker-b")) {
            PostgresTcsStore workerStore = started.add(PostgresTcsStore.open(database));
            WorkerConfig config = workerConfig(name);
            SingletonWorker worker =
                    new SingletonWorker(config, WorkerKeys.generate(), tee, Workloads.load(), workerStore, clock);
            worker.register();
            SharedQueueWorker process = started.add(new SharedQueueWorker(
                    new PostgresQueueTable(workerStore),
                    worker.workerId(),
                    worker,
                    config.concurrency(),
                    Duration.ofSeconds(30)));
            process.start();
            workerIds.add(worker.workerId());
        }
        serve(listenerStore, queue);
    }
}
