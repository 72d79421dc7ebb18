package io.camelot.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A work order queue's meters, the same for every {@link WorkOrderQueue} implementation, created
 * once so the hot path only increments and records.
 */
public final class QueueMetrics {
    private final Counter submitted;
    private final Counter busy;
    private final Counter duplicate;
    private final Counter replay;
    private final Timer queueWait;
    private final Timer latency;
    private final MeterRegistry registry;

    /**
     * @param outstanding work orders admitted and not yet completed, all workers
     * @param attachedWorkers workers whose work orders this process runs
     */
    public QueueMetrics(MeterRegistry registry, Supplier<Number> outstanding, Supplier<Number> attachedWorkers) {
        this.registry = registry;
        submitted = Counter.builder("camelot.workorders.submitted")
                .description("Work orders admitted to the queue (durable)")
                .register(registry);
        busy = rejected(registry, "busy");
        duplicate = rejected(registry, "duplicate");
        replay = rejected(registry, "replay");
        queueWait = WorkOrderStages.timer(registry, WorkOrderStages.QUEUE_WAIT);
        latency = latencyTimer(registry);
        Gauge.builder("camelot.queue.outstanding", outstanding)
                .description("Work orders admitted and not yet completed, all workers")
                .register(registry);
        Gauge.builder("camelot.workers.attached", attachedWorkers)
                .description("Workers attached to this queue")
                .register(registry);
    }

    /** Counts the answer to one submission: admitted, or refused for its reason. */
    public void admission(WorkOrderQueue.Admission admission) {
        switch (admission) {
            case ACCEPTED -> submitted.increment();
            case BUSY, STORE_FULL -> busy.increment();
            case REPLAYED -> replay.increment();
            case IDENTICAL, DUPLICATE -> duplicate.increment();
        }
    }

    /** A work order waited {@code nanos} from hand-off until a worker thread took it. */
    public void queueWait(long nanos) {
        queueWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A work order's outcome was stored {@code nanos} after its hand-off. */
    public void latency(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void laneAttached(String workerId, ThreadPoolExecutor executor) {
        depthGauge(registry, workerId, () -> executor.getQueue().size());
    }

    /**
     * The latency of every work order, from hand-off to the worker queue until its outcome is stored:
     * recorded by the queue that runs it (a worker process of the shared queue records its own).
     */
    public static Timer latencyTimer(MeterRegistry registry) {
        return Timer.builder("camelot.workorder.latency")
                .description("From hand-off to the worker queue until the outcome is stored")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** {@code camelot.queue.depth} of a worker: its work orders waiting for a thread, when read. */
    public static void depthGauge(MeterRegistry registry, String workerId, Supplier<Number> waiting) {
        Gauge.builder("camelot.queue.depth", waiting)
                .description("Work orders waiting for a thread of this worker")
                .tag("worker", workerId)
                .register(registry);
    }

    private static Counter rejected(MeterRegistry registry, String reason) {
        return Counter.builder("camelot.workorders.rejected")
                .description("Work orders refused at admission")
                .tag("reason", reason)
                .register(registry);
    }
}
