package io.camelot.jsonrpc;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused callers at WARN at most once a second (the rest at DEBUG, counted), so strangers
 * cannot flood the log.
 */
final class RefusalLog {
    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);
    private static final long WARNING_INTERVAL_NANOS = 1_000_000_000L;

    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong unlogged = new AtomicLong();

    void refused(String what, Caller caller, String reason) {
        long now = System.nanoTime();
        long next = nextWarning.get();
        if (now - next >= 0 && nextWarning.compareAndSet(next, now + WARNING_INTERVAL_NANOS)) {
            long skipped = unlogged.getAndSet(0);
            log.warn(
                    "{} from {} refused: {}{}",
                    what,
                    caller.address(),
                    reason,
                    skipped == 0 ? "" : " (and " + skipped + " more refusals since the last warning)");
        } else {
            unlogged.incrementAndGet();
            log.debug("{} from {} refused: {}", what, caller.address(), reason);
        }
    }
}
