package io.camelot.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

class RetryPolicyTest {
    private final RetryPolicy retry = new RetryPolicy(4, Duration.ZERO, Duration.ZERO);

    @Test
    void aRevertedTransactionIsNotRetried() {
        TransactionReceipt reverted = new TransactionReceipt();
        reverted.setStatus("0x0");
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("revert", () -> {
                    attempts.incrementAndGet();
                    throw new TransactionException("reverted: not the worker's organization", reverted);
                }))
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the worker's organization");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aMissingReceiptOrAnotherFailureIsRetriedUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.call("flaky", () -> switch (attempts.incrementAndGet()) {
            case 1 -> throw new TransactionException("receipt not generated after 60 s", "0xabc");
            case 2 -> throw new java.io.IOException("connection refused");
            default -> "mined";
        });
        assertThat(result).isEqualTo("mined");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void theLastFailureSurfacesAfterAllAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("down", () -> {
                    throw new java.io.IOException("attempt " + attempts.incrementAndGet());
                }))
                .hasMessage("attempt 4");
    }
}
