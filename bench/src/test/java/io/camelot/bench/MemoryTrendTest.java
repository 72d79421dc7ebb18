package io.camelot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTrendTest {
    private static final long MIB = 1 << 20;

    /** One sample a second: heap readings after each collection, store sizes. */
    private static List<ProgressSample> samples(long[] heapMib, long[] storeMib) {
        List<ProgressSample> samples = new ArrayList<>();
        for (int i = 0; i < heapMib.length; i++) {
            samples.add(new ProgressSample(i + 1, 0, 100, 0, 0, 0, heapMib[i] * MIB, storeMib[i] * MIB, 0));
        }
        return samples;
    }

    @Test
    void eachQuarterOfTheMeasuredWindowHasItsHeapFloorAndItsLargestStore() {
        // Two seconds of warm-up (heap 90 MiB, not measured), then eight measured seconds.
        MemoryTrend trend = MemoryTrend.of(
                        samples(
                                new long[] {90, 90, 30, 20, 40, 22, 50, 21, 60, 23},
                                new long[] {1, 2, 10, 20, 30, 31, 30, 32, 31, 31}),
                        2)
                .orElseThrow();
        assertThat(trend.quarters())
                .extracting(MemoryTrend.Quarter::heapFloorBytes)
                .containsExactly(20 * MIB, 22 * MIB, 21 * MIB, 23 * MIB);
        assertThat(trend.quarters())
                .extracting(MemoryTrend.Quarter::storeMaxBytes)
                .containsExactly(20 * MIB, 31 * MIB, 32 * MIB, 31 * MIB);
        assertThat(trend.quarters().getFirst().fromSeconds()).isEqualTo(2);
        assertThat(trend.quarters().getLast().toSeconds()).isEqualTo(10);
    }

    @Test
    void tooFewMeasuredSecondsHaveNoTrend() {
        assertThat(MemoryTrend.of(samples(new long[] {1, 1, 1, 1, 1, 1, 1, 1}, new long[8]), 1))
                .isEmpty();
    }
}
