package io.camelot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricHistoryTest {

    @Test
    void eachPointIsTheRateAndMeanLatencyOfItsIntervalAndOnlyTheLastAreKept() {
        AtomicLong now = new AtomicLong(1_000_000);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter ok =
                Counter.builder("camelot.workorders.completed").tag("code", "0").register(registry);
        Counter failed =
                Counter.builder("camelot.workorders.completed").tag("code", "9").register(registry);
        Timer latency = Timer.builder("camelot.workorder.latency").register(registry);
        try (MetricHistory history = new MetricHistory(registry, clock, 2)) {
            history.start(3_600_000);
            now.addAndGet(2000);
            ok.increment(8);
            failed.increment(2);
            latency.record(10, TimeUnit.MILLISECONDS);
            latency.record(30, TimeUnit.MILLISECONDS);
            history.sample();
            var first = history.points().getLast();
            assertThat(first.completedPerSecond()).isEqualTo(5.0);
            assertThat(first.failedPerSecond()).isEqualTo(1.0);
            assertThat(first.meanLatencyMs()).isEqualTo(20.0);

            now.addAndGet(1000);
            latency.record(50, TimeUnit.MILLISECONDS);
            history.sample();
            now.addAndGet(1000);
            history.sample();
            assertThat(history.points()).hasSize(2);
            assertThat(history.points().get(0).meanLatencyMs()).isEqualTo(50.0);
            assertThat(history.points().get(1).completedPerSecond()).isZero();
        }
    }
}
