package io.camelot.protocol.internal.crypto;

import java.security.SecureRandom;

/**
 * One process-wide {@link SecureRandom}: it is thread-safe, and seeding one per caller only costs
 * time.
 */
public final class SecureRandomHolder {
    public static final SecureRandom RANDOM = new SecureRandom();

    private SecureRandomHolder() {}

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
