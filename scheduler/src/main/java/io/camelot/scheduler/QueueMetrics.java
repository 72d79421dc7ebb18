package io.camelot.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/** The queue's meters, created once so the hot path only increments and records. */
final class QueueMetrics {
  final Counter submitted;
  final Counter busy;
  final Counter duplicate;
  final Counter replay;
  final Timer queueWait;
  final Timer latency;
  private final MeterRegistry registry;

  QueueMetrics(MeterRegistry registry, Supplier<Number> outstanding, Supplier<Number> attachedWorkers) {
    this.registry = registry;
    submitted = Counter.builder("camelot.workorders.submitted")
        .description("Work orders admitted to the queue (durable)").register(registry);
    busy = rejected(registry, "busy");
    duplicate = rejected(registry, "duplicate");
    replay = rejected(registry, "replay");
    queueWait = WorkOrderStages.timer(registry, WorkOrderStages.QUEUE_WAIT);
    latency = Timer.builder("camelot.workorder.latency")
        .description("From hand-off to the worker queue until the outcome is stored")
        .publishPercentileHistogram().register(registry);
    Gauge.builder("camelot.queue.outstanding", outstanding)
        .description("Work orders admitted and not yet completed, all workers").register(registry);
    Gauge.builder("camelot.workers.attached", attachedWorkers)
        .description("Workers attached to this queue").register(registry);
  }

  void laneAttached(String workerId, ThreadPoolExecutor executor) {
    Gauge.builder("camelot.queue.depth", executor, e -> e.getQueue().size())
        .description("Work orders waiting for a thread of this worker")
        .tag("worker", workerId)
        .register(registry);
  }

  private static Counter rejected(MeterRegistry registry, String reason) {
    return Counter.builder("camelot.workorders.rejected")
        .description("Work orders refused at admission").tag("reason", reason).register(registry);
  }
}
