package io.camelot.protocol.crypto;

import io.camelot.protocol.internal.crypto.GcmCipher;
import io.camelot.protocol.internal.crypto.SecureRandomHolder;

/**
 * Factory for the AES-256-GCM {@link Aead}, plus its key generator. Keys are plain bytes only where
 * they must leave the process wrapped (a session key to the worker's key, a sealed secret); use
 * goes through the {@link Aead}, which never hands its key back.
 */
public final class AesGcm {
    public static final int KEY_BYTES = 32;

    private AesGcm() {}

    /**
     * Returns an {@link Aead} under a copy of {@code key}.
     *
     * @throws CryptoException if the key is not 32 bytes (Avalon only uses AES-256)
     */
    public static Aead of(byte[] key) {
        GcmCipher.requireKeyLength(key);
        return new AesGcmAead(key);
    }

    /** A fresh random 32-byte key. */
    public static byte[] newKey() {
        return SecureRandomHolder.randomBytes(KEY_BYTES);
    }
}
