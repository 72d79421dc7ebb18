package io.camelot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateTest {
    private static List<ProgressSample> perSecond(double... rates) {
        List<ProgressSample> samples = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            samples.add(new ProgressSample(i + 1, 0, rates[i], 0, 0, 0, 0, -1, 0));
        }
        return samples;
    }

    @Test
    void aRunThatClimbsThenHoldsSettlesWhereItStopsClimbing() {
        SteadyState steady = SteadyState.of(
                        perSecond(100, 300, 600, 900, 1000, 1010, 990, 1005, 995, 1000, 1002, 998), 10)
                .orElseThrow();
        assertThat(steady.finalPerSecond()).isCloseTo(999, within(2.0));
        // The average of seconds 3 to 7 (600, 900, 1000, 1010, 990: 900) is the first within 15 % of
        // 999 for good: from the start of the fifth second.
        assertThat(steady.fromSeconds()).isEqualTo(4);
        assertThat(steady.settledBeforeWindow()).isTrue();
    }

    @Test
    void aSlowSecondDoesNotCountAsUnsettled() {
        SteadyState steady = SteadyState.of(perSecond(500, 500, 500, 500, 420, 500, 500, 500, 380, 500, 500), 2)
                .orElseThrow();
        assertThat(steady.fromSeconds()).isZero();
    }

    @Test
    void aRunStillClimbingAfterTheWarmUpSaysSo() {
        SteadyState steady = SteadyState.of(perSecond(100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200), 3)
                .orElseThrow();
        assertThat(steady.fromSeconds()).isGreaterThan(3);
        assertThat(steady.settledBeforeWindow()).isFalse();
    }

    @Test
    void tooShortARunHasNoVerdict() {
        assertThat(SteadyState.of(perSecond(1, 2, 3, 4, 5, 6, 7, 8, 9), 1)).isEmpty();
    }
}
