package io.camelot.sdk;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh ids and nonces in the shapes Avalon's SDK generates. */
final class RandomIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long RECEIPT_NONCE_BOUND = 10_000_000_000L;

    private RandomIds() {}

    /** {@code bytes} random bytes as lower-case hex, like Python's {@code secrets.token_hex}. */
    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** A decimal number in [1, 10^10], like the SDK's {@code randint(1, 1e10)}. */
    static String receiptNonce() {
        return Long.toString(1 + RANDOM.nextLong(RECEIPT_NONCE_BOUND));
    }
}
