package io.camelot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    final AtomicLong now = new AtomicLong();

    @Test
    void aBurstPassesThenCallsWaitForTheRefill() {
        RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(2, 3), 100, now::get);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).as("keys have their own buckets").isTrue();
        now.addAndGet(500_000_000L);
        assertThat(limiter.tryAcquire("a"))
                .as("half a second refills one token")
                .isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void manyKeysCannotGrowItBeyondItsBound() {
        RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(1, 1), 2, now::get);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("b")).isTrue();
        assertThat(limiter.tryAcquire("c")).as("every tracked bucket is in use").isFalse();
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.tryAcquire("c"))
                .as("refilled buckets are dropped to make room")
                .isTrue();
    }

    @Test
    void unlimitedAlwaysPassesAndBadLimitsAreRefused() {
        RateLimiter limiter = new RateLimiter(RateLimiter.Limit.UNLIMITED);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("x")).isTrue();
        }
        assertThatThrownBy(() -> new RateLimiter.Limit(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Limit(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
