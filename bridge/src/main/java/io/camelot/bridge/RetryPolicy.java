package io.camelot.bridge;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries with exponential backoff: neither web3j nor the Fabric Gateway retries a submitted
 * transaction. A failed attempt waits {@code initial}, doubling up to {@code max}, for at most
 * {@code attempts} attempts in all. A failure the chain will repeat (a reverted transaction, a
 * chaincode's refusal) is not retried: it would only hold up the caller.
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
     * @param permanent which failures would happen again, and so are thrown at once
     * @throws Exception the last attempt's failure
     */
    public <T> T call(String what, Callable<T> attempt, Predicate<Exception> permanent) throws Exception {
        Duration delay = initial;
        for (int tried = 1; ; tried++) {
            try {
                return attempt.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (tried >= attempts
                        || permanent.test(e)
                        || Thread.currentThread().isInterrupted()) {
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
                delay = next(delay);
            }
        }
    }

    /** The delay after {@code delay}: doubled, at most {@code max}. */
    public Duration next(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
