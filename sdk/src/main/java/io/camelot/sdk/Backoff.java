package io.camelot.sdk;

import java.time.Duration;

/** Exponential delays: {@code initial}, doubling, capped at {@code max}. */
record Backoff(Duration initial, Duration max) {
    Duration next(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** Sleeps; an interrupt ends the wait as a {@link TcsException} naming {@code during}. */
    static void pause(Duration delay, String during) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TcsException("Interrupted while " + during, e);
        }
    }
}
