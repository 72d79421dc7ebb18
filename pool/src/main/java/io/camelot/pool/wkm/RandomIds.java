package io.camelot.pool.wkm;

import io.camelot.protocol.Hex;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-use ids (GetRandomId) an attesting WP or WKM binds its evidence to, so that evidence
 * cannot be replayed. Each issue drops the ids older than {@link #LIFETIME}.
 */
final class RandomIds {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Long> issued = new ConcurrentHashMap<>();

    RandomIds(Clock clock) {
        this.clock = clock;
    }

    String issue() {
        long now = clock.millis();
        issued.values().removeIf(at -> at < now - LIFETIME.toMillis());
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String hex = Hex.upper(id);
        issued.put(hex, now);
        return hex;
    }

    /** Uses up {@code id}: true only the first time, and only for an id issued here. */
    boolean redeem(String id) {
        return issued.remove(id) != null;
    }
}
