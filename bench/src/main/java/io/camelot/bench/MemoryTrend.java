package io.camelot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a long run's memory levels off: the measured window cut into quarters, with the live heap's
 * floor (its lowest after-collection reading, since the old generation holds garbage until a
 * concurrent cycle clears it) and the store's largest size in each. A leak shows as a floor that
 * climbs quarter after quarter; a purge that keeps up, as a store whose size stops growing.
 */
public record MemoryTrend(List<Quarter> quarters) {
    static final int MIN_SAMPLES_PER_QUARTER = 2;

    /**
     * @param storeMaxBytes -1 when the store is not in this process
     */
    public record Quarter(double fromSeconds, double toSeconds, long heapFloorBytes, long storeMaxBytes) {}

    /** From a run's samples; none when the measured window has too few to quarter. */
    public static Optional<MemoryTrend> of(List<ProgressSample> samples, double warmupSeconds) {
        List<ProgressSample> measured = samples.stream()
                .filter(sample -> sample.elapsedSeconds() > warmupSeconds)
                .toList();
        int n = measured.size();
        if (n < 4 * MIN_SAMPLES_PER_QUARTER) {
            return Optional.empty();
        }
        List<Quarter> quarters = new ArrayList<>(4);
        for (int q = 0; q < 4; q++) {
            List<ProgressSample> part = measured.subList(q * n / 4, (q + 1) * n / 4);
            quarters.add(new Quarter(
                    part.getFirst().elapsedSeconds() - 1,
                    part.getLast().elapsedSeconds(),
                    part.stream().mapToLong(ProgressSample::liveHeapBytes).min().orElseThrow(),
                    part.stream().mapToLong(ProgressSample::storeBytes).max().orElseThrow()));
        }
        return Optional.of(new MemoryTrend(quarters));
    }
}
