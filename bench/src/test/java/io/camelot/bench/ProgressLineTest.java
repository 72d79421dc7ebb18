package io.camelot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static ProgressSample at(double elapsedSeconds) {
        return new ProgressSample(elapsedSeconds, 42, 10.0, 1.5, 3.0, 0, 64L << 20, -1, 0.5);
    }

    @Test
    void ticksUpToTheEndOfTheWarmUpAreMarkedWarmUpAndLaterOnesMeasure() {
        Duration warmup = Duration.ofSeconds(5);

        assertThat(BenchReport.progressLine(at(1.0), warmup)).startsWith("warm-up [    1 s]");
        assertThat(BenchReport.progressLine(at(5.0), warmup)).startsWith("warm-up [    5 s]");
        assertThat(BenchReport.progressLine(at(6.0), warmup))
                .isEqualTo("measure [    6 s]        42 WO      10.0 WO/s  p50    1.50 ms  p99    3.00 ms"
                        + "  errors 0  heap    64 MiB");
    }

    @Test
    void withoutWarmUpEveryTickIsMeasured() {
        assertThat(BenchReport.progressLine(at(1.0), Duration.ZERO)).startsWith("measure [");
    }
}
