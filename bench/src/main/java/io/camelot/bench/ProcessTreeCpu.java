package io.camelot.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this process and of every process it started (a pool's WKM and WP JVMs), taken per
 * process so that a window's share is the difference of two snapshots. With a pool, the work of one
 * work order is spread over those processes; counting only this one would hide most of it.
 */
final class ProcessTreeCpu {
    private ProcessTreeCpu() {}

    /** CPU nanoseconds used so far, by process id, for this process and its live descendants. */
    static Map<Long, Long> snapshot() {
        Map<Long, Long> nanos = new HashMap<>();
        Stream.concat(
                        Stream.of(ProcessHandle.current()),
                        ProcessHandle.current().descendants())
                .forEach(process ->
                        process.info().totalCpuDuration().ifPresent(cpu -> nanos.put(process.pid(), cpu.toNanos())));
        return nanos;
    }

    /**
     * CPU seconds used between two snapshots. A process started in between counts from zero; one that
     * exited in between is missing from {@code end} and not counted (pool processes live the whole run).
     */
    static double secondsBetween(Map<Long, Long> start, Map<Long, Long> end) {
        long nanos = 0;
        for (Map.Entry<Long, Long> process : end.entrySet()) {
            nanos += process.getValue() - start.getOrDefault(process.getKey(), 0L);
        }
        return nanos / (double) Duration.ofSeconds(1).toNanos();
    }
}
