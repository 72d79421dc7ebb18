package io.camelot.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the work-order meters once a second and keeps the last minutes in memory, for the
 * dashboard's throughput and latency charts (Prometheus keeps the long history).
 */
public final class MetricHistory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricHistory.class);

    /**
     * One interval: work orders completed (all codes) and failed (code ≠ 0) per second, the mean
     * admission-to-outcome latency of the interval and the queue's outstanding count at its end.
     */
    public record Point(
            long atMillis,
            double completedPerSecond,
            double failedPerSecond,
            double meanLatencyMs,
            double outstanding) {}

    private final MeterRegistry registry;
    private final Clock clock;
    private final int capacity;
    private final Deque<Point> points = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("metric-history").daemon().factory());
    private double lastCompleted;
    private double lastFailed;
    private long lastLatencyCount;
    private double lastLatencyTotalMs;
    private long lastAt;

    public MetricHistory(MeterRegistry registry, Clock clock, int capacity) {
        this.registry = registry;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Starts sampling every {@code periodMillis}. */
    public MetricHistory start(long periodMillis) {
        lastAt = clock.millis();
        sampler.scheduleAtFixedRate(
                () -> {
                    try {
                        sample();
                    } catch (RuntimeException e) {
                        // A failed sample leaves a gap in the chart; the next one carries on.
                        log.warn("Metric sample failed: {}", e.toString());
                    }
                },
                periodMillis,
                periodMillis,
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Takes one sample now (the scheduler calls this; tests may too). */
    public synchronized void sample() {
        long now = clock.millis();
        double completed = 0;
        double failed = 0;
        for (Counter counter : registry.find("camelot.workorders.completed").counters()) {
            double count = counter.count();
            completed += count;
            if (!"0".equals(counter.getId().getTag("code"))) {
                failed += count;
            }
        }
        long latencyCount = 0;
        double latencyTotalMs = 0;
        for (Timer timer : registry.find("camelot.workorder.latency").timers()) {
            latencyCount += timer.count();
            latencyTotalMs += timer.totalTime(TimeUnit.MILLISECONDS);
        }
        double outstanding = 0;
        var gauge = registry.find("camelot.queue.outstanding").gauge();
        if (gauge != null) {
            outstanding = gauge.value();
        }
        double seconds = Math.max(now - lastAt, 1) / 1000.0;
        long newLatencies = latencyCount - lastLatencyCount;
        Point point = new Point(
                now,
                (completed - lastCompleted) / seconds,
                (failed - lastFailed) / seconds,
                newLatencies > 0 ? (latencyTotalMs - lastLatencyTotalMs) / newLatencies : 0,
                outstanding);
        lastAt = now;
        lastCompleted = completed;
        lastFailed = failed;
        lastLatencyCount = latencyCount;
        lastLatencyTotalMs = latencyTotalMs;
        points.addLast(point);
        while (points.size() > capacity) {
            points.removeFirst();
        }
    }

    public synchronized List<Point> points() {
        return new ArrayList<>(points);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
