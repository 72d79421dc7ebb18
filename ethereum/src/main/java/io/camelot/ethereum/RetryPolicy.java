package io.camelot.ethereum;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Retries with exponential backoff: web3j has no retry of its own for sends. A failed attempt waits
 * {@code initial}, doubling up to {@code max}, for at most {@code attempts} attempts in all. A
 * transaction the chain mined and reverted is not retried: the same call against the same state
 * reverts again, and retrying would only hold up the caller.
 */
public record RetryPolicy(int attempts, Duration initial, Duration max) {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** 8 attempts from 200 ms to 5 s: rides out a node restart of about 20 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(5));

    public RetryPolicy {
        if (attempts < 1 || initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry needs attempts >= 1 and 0 <= initial <= max");
        }
    }

    /**
     * @throws Exception the last attempt's failure
     */
    public <T> T call(String what, Callable<T> attempt) throws Exception {
        Duration delay = initial;
        for (int tried = 1; ; tried++) {
            try {
                return attempt.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (tried >= attempts || reverted(e) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.warn(
                        "{} failed (attempt {} of {}), retrying in {} ms: {}",
                        what,
                        tried,
                        attempts,
                        delay.toMillis(),
                        e.getMessage());
                Thread.sleep(delay);
                Duration doubled = delay.multipliedBy(2);
                delay = doubled.compareTo(max) > 0 ? max : doubled;
            }
        }
    }

    /** Mined with a failed status; a receipt that never came (a timeout) is worth another try. */
    static boolean reverted(Exception e) {
        return e instanceof TransactionException failed
                && failed.getTransactionReceipt()
                        .map(receipt -> !receipt.isStatusOK())
                        .orElse(false);
    }
}
