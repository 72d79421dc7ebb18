package io.camelot.scheduler;

import io.camelot.store.TcsStore;
import java.time.Duration;
import java.util.Optional;

/**
 * @param maxOutstanding work orders admitted and not yet completed, over all workers; beyond it
 *     submits get BUSY (code 8)
 * @param retainCompleted how long completed work orders stay retrievable before purge
 * @param maxRetainedCompleted how many completed work orders are kept at most
 * @param purgeInterval how often the purge runs
 * @param pendingTimeout how long a work order may wait for its worker before it fails unrun (code
 *     1), so that work orders nobody runs do not hold slots of {@code maxOutstanding} for ever;
 *     zero for never. Not {@code responseTimeoutMSecs}, which Avalon clients set to a few seconds
 *     and treat as advisory.
 * @param minRetention how long a completed work order is kept whatever {@code retainCompleted} and
 *     {@code maxRetainedCompleted} say: a flood of work orders cannot purge others' fresh results
 * @param maxOutstandingBytes raw request bytes of the work orders admitted and not yet completed;
 *     beyond it submits get BUSY (code 8), so large requests cannot fill the store under the count
 * @param maxTombstones purged ids kept known, newest first ({@link TcsStore#dropTombstones}): a
 *     replayed request is refused by its request hash whatever the tombstones, so only reuse of
 *     a forgotten id by another request gets in
 */
public record QueueSettings(
        long maxOutstanding,
        Duration retainCompleted,
        long maxRetainedCompleted,
        Duration purgeInterval,
        Duration pendingTimeout,
        Duration minRetention,
        long maxOutstandingBytes,
        long maxTombstones) {

    public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_MIN_RETENTION = Duration.ofHours(1);
    public static final long DEFAULT_MAX_OUTSTANDING_BYTES = 1L << 30;
    public static final long DEFAULT_MAX_TOMBSTONES = 1_000_000;

    /** Settings with the default pending timeout, retention floor, byte cap and tombstone cap. */
    public QueueSettings(
            long maxOutstanding, Duration retainCompleted, long maxRetainedCompleted, Duration purgeInterval) {
        this(maxOutstanding, retainCompleted, maxRetainedCompleted, purgeInterval, DEFAULT_PENDING_TIMEOUT);
    }

    /** Settings with the default retention floor, byte cap and tombstone cap. */
    public QueueSettings(
            long maxOutstanding,
            Duration retainCompleted,
            long maxRetainedCompleted,
            Duration purgeInterval,
            Duration pendingTimeout) {
        this(
                maxOutstanding,
                retainCompleted,
                maxRetainedCompleted,
                purgeInterval,
                pendingTimeout,
                DEFAULT_MIN_RETENTION,
                DEFAULT_MAX_OUTSTANDING_BYTES,
                DEFAULT_MAX_TOMBSTONES);
    }

    /**
     * One purge of {@code store} at {@code nowMillis}: the completed work orders these settings let
     * go, then the tombstones beyond {@code maxTombstones}.
     *
     * @return the number of work orders removed
     */
    public int purge(TcsStore store, long nowMillis) {
        int removed =
                store.purge(nowMillis - retainCompleted.toMillis(), maxRetainedCompleted, purgeFloorMillis(nowMillis));
        store.dropTombstones(maxTombstones);
        return removed;
    }

    /** The completion time at and after which purge keeps every work order. */
    public long purgeFloorMillis(long nowMillis) {
        return nowMillis - minRetention.toMillis();
    }

    /**
     * Why a work order still pending, received at {@code receivedAtMillis}, has by {@code nowMillis}
     * waited too long for {@code workerId}, if it has: the reason it fails with, on every queue.
     */
    public Optional<String> expiry(long receivedAtMillis, long nowMillis, String workerId) {
        long waitedMillis = nowMillis - receivedAtMillis;
        return !pendingTimeout.isPositive() || waitedMillis < pendingTimeout.toMillis()
                ? Optional.empty()
                : Optional.of("it expired after " + waitedMillis / 1000 + " s waiting for worker " + workerId);
    }

    public static QueueSettings defaults() {
        return new QueueSettings(10_000, Duration.ofHours(24), 1_000_000, Duration.ofMinutes(1));
    }
}
