package io.camelot.store.postgres;

import io.camelot.scheduler.AdmissionListener;
import io.camelot.scheduler.QueueSettings;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.scheduler.WorkOrderQueueContractTest;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue contract against the shared queue on PostgreSQL: each test on a new database, its work
 * orders run by a worker process ({@link SharedQueueWorker} with its own pool and LISTEN
 * connection).
 */
class SharedWorkOrderQueueContractTest extends WorkOrderQueueContractTest {
    @RegisterExtension
    final ScratchDatabase db = new ScratchDatabase();

    private final PostgresTcsStore store = db.store();

    @Override
    protected TcsStore store() {
        return store;
    }

    @Override
    protected WorkOrderQueue queue(QueueSettings settings, MeterRegistry registry) {
        return db.track(new SharedWorkOrderQueue(new PostgresQueueTable(store), settings, Clock.systemUTC(), registry));
    }

    @Override
    protected void addAdmissionListener(WorkOrderQueue queue, AdmissionListener listener) {
        ((SharedWorkOrderQueue) queue).addAdmissionListener(listener);
    }

    @Override
    protected void attach(WorkOrderQueue queue, String workerId, WorkOrderProcessor processor) {
        SharedQueueWorker worker = db.track(new SharedQueueWorker(
                new PostgresQueueTable(db.store()), workerId, processor, 1, Duration.ofSeconds(30)));
        worker.start();
    }
}
