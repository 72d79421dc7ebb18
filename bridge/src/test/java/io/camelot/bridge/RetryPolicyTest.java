package io.camelot.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy retry = new RetryPolicy(4, Duration.ZERO, Duration.ZERO);

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(
                        "refused",
                        () -> {
                            attempts.incrementAndGet();
                            throw new IllegalStateException("refused: not the worker's organization");
                        },
                        IllegalStateException.class::isInstance))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the worker's organization");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void otherFailuresAreRetriedUntilTheCallSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.call(
                "flaky",
                () -> switch (attempts.incrementAndGet()) {
                    case 1 -> throw new TimeoutException("receipt not generated after 60 s");
                    case 2 -> throw new IOException("connection refused");
                    default -> "mined";
                },
                IllegalStateException.class::isInstance);
        assertThat(result).isEqualTo("mined");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void theLastFailureSurfacesAfterAllAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(
                        "down",
                        () -> {
                            throw new IOException("attempt " + attempts.incrementAndGet());
                        },
                        failure -> false))
                .hasMessage("attempt 4");
    }

    @Test
    void delaysDoubleUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofMillis(500));
        assertThat(policy.next(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.next(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(500));
    }
}
