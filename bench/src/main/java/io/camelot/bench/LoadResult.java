package io.camelot.bench;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured.
 *
 * @param completed verified results that arrived inside the measured window
 * @param processCpuSeconds CPU time this whole process used in the window (client, and the TCS too
 *     when it runs in this process), plus that of the processes it started (a pool's WKM and WPs)
 * @param processes the processes that CPU time was summed over: this one and its descendants
 * @param latencyMicros submit to verified result; in the open loop from the intended send time
 * @param errors failed work orders by kind ("rpc 2", "timeout", ...) over the whole run
 * @param firstErrors the message of the first failure of each kind, to tell what went wrong
 */
public record LoadResult(
        long completed,
        double windowSeconds,
        double processCpuSeconds,
        int processes,
        Histogram latencyMicros,
        Map<String, Long> errors,
        Map<String, String> firstErrors,
        List<ProgressSample> samples) {

    public double throughput() {
        return completed / windowSeconds;
    }

    /** Process CPU milliseconds per completed work order. */
    public double cpuMillisPerWorkOrder() {
        return completed == 0 ? Double.NaN : processCpuSeconds * 1e3 / completed;
    }

    /** Mean CPU use of the whole machine while the load ran, 0 to 1. */
    public double machineCpuLoad() {
        return samples.stream()
                .mapToDouble(ProgressSample::machineCpuLoad)
                .filter(load -> load >= 0)
                .average()
                .orElse(Double.NaN);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
