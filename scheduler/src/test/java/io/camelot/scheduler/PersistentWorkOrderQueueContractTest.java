package io.camelot.scheduler;

import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The queue contract against the single-node queue on LMDB, its work orders run by its lanes. */
class PersistentWorkOrderQueueContractTest extends WorkOrderQueueContractTest {
    @TempDir
    Path dir;

    private TcsStore store;
    private final List<PersistentWorkOrderQueue> queues = new ArrayList<>();

    @BeforeEach
    void openStore() {
        store = LmdbTcsStore.open(dir, PersistentWorkOrderQueueTest.MAP_SIZE);
    }

    @AfterEach
    void closeAll() {
        queues.forEach(PersistentWorkOrderQueue::close);
        store.close();
    }

    @Override
    protected TcsStore store() {
        return store;
    }

    @Override
    protected WorkOrderQueue queue(QueueSettings settings, MeterRegistry registry) {
        PersistentWorkOrderQueue queue = new PersistentWorkOrderQueue(store, settings, Clock.systemUTC(), registry);
        queues.add(queue);
        return queue;
    }

    @Override
    protected void addAdmissionListener(WorkOrderQueue queue, AdmissionListener listener) {
        ((PersistentWorkOrderQueue) queue).addAdmissionListener(listener);
    }

    @Override
    protected void attach(WorkOrderQueue queue, String workerId, WorkOrderProcessor processor) {
        ((PersistentWorkOrderQueue) queue).attach(workerId, processor, 1);
    }
}
