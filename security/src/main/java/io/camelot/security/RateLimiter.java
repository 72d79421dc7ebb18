package io.camelot.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key (a requester id, a remote address): each holds up to {@code burst}
 * tokens and refills at {@code perSecond}; a call takes one token or is refused. Idle buckets are
 * dropped once there are more than {@code maxKeys}, so many distinct keys cannot exhaust memory.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * A limit of {@code perSecond} calls with bursts of {@code burst}; perSecond 0 means unlimited.
     */
    public record Limit(double perSecond, int burst) {
        public static final Limit UNLIMITED = new Limit(0, 0);

        public Limit {
            if (perSecond < 0 || burst < 0 || (perSecond > 0 && burst < 1)) {
                throw new IllegalArgumentException(
                        "a rate limit needs perSecond >= 0 and burst >= 1, got " + perSecond + "/" + burst);
            }
        }

        public boolean unlimited() {
            return perSecond == 0;
        }
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    public RateLimiter(Limit limit, int maxKeys, LongSupplier nanoTime) {
        this.perSecond = limit.perSecond();
        this.burst = limit.burst();
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    public RateLimiter(Limit limit) {
        this(limit, 100_000, System::nanoTime);
    }

    /** Takes a token for {@code key}; false if its bucket is empty. Always true when unlimited. */
    public boolean tryAcquire(String key) {
        if (perSecond == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            dropFullBuckets(now);
            if (buckets.size() >= maxKeys) {
                // Every tracked key is active: a new one waits until some bucket has refilled.
                return false;
            }
        }
        boolean[] granted = new boolean[1];
        buckets.compute(key, (k, bucket) -> {
            Bucket b = bucket == null ? new Bucket(burst, now) : bucket;
            refill(b, now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                granted[0] = true;
            }
            return b;
        });
        return granted[0];
    }

    private void refill(Bucket bucket, long now) {
        double elapsedSeconds = (now - bucket.refilledAt) / 1e9;
        bucket.tokens = Math.min(burst, bucket.tokens + elapsedSeconds * perSecond);
        bucket.refilledAt = now;
    }

    // A full bucket carries no information: dropping it is the same as keeping it.
    private void dropFullBuckets(long now) {
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, bucket) -> {
                refill(bucket, now);
                return bucket.tokens >= burst ? null : bucket;
            });
        }
    }
}
