package io.camelot.bench;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured.
 *
 * @param completed verified results that arrived inside the measured window
 * @param latencyMicros submit to verified result; in the open loop from the intended send time
 * @param errors failed work orders by kind ("rpc 2", "timeout", ...) over the whole run
 */
public record LoadResult(
    long completed,
    double windowSeconds,
    Histogram latencyMicros,
    Map<String, Long> errors,
    List<ProgressSample> samples) {

  public double throughput() {
    return completed / windowSeconds;
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}
