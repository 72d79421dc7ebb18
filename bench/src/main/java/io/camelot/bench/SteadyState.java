package io.camelot.bench;

import java.util.List;
import java.util.Optional;

/**
 * When a run's throughput settled: the first second from which the average over the
 * {@link #SMOOTHING} seconds around each second (so that a slow tick or two, a GC pause or a purge,
 * do not count as unsettled) stays within {@link #TOLERANCE} of the run's final level, the mean of
 * its last third. A run
 * whose throughput only settles inside the measured window had too short a warm-up: its throughput
 * understates the steady state.
 *
 * @param fromSeconds seconds after the start from which throughput stayed at its final level
 * @param finalPerSecond the final level, work orders per second
 * @param settledBeforeWindow whether that was before the measured window began
 */
public record SteadyState(double fromSeconds, double finalPerSecond, boolean settledBeforeWindow) {
    static final double TOLERANCE = 0.15;
    static final int SMOOTHING = 5;

    /** From the run's one-second samples (warm-up included); none with fewer than ten samples. */
    public static Optional<SteadyState> of(List<ProgressSample> samples, double warmupSeconds) {
        int n = samples.size();
        if (n < 2 * SMOOTHING) {
            return Optional.empty();
        }
        double[] smoothed = new double[n];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - SMOOTHING / 2);
            int to = Math.min(n - 1, i + SMOOTHING / 2);
            double sum = 0;
            for (int j = from; j <= to; j++) {
                sum += samples.get(j).perSecond();
            }
            smoothed[i] = sum / (to - from + 1);
        }
        double level = 0;
        int lastThird = n - n / 3;
        for (int i = lastThird; i < n; i++) {
            level += samples.get(i).perSecond();
        }
        level /= n - lastThird;
        int first = n - 1;
        while (first > 0 && Math.abs(smoothed[first - 1] - level) <= TOLERANCE * level) {
            first--;
        }
        double fromSeconds = Math.max(0, samples.get(first).elapsedSeconds() - 1);
        return Optional.of(new SteadyState(fromSeconds, level, fromSeconds <= warmupSeconds));
    }
}
