package io.camelot.protocol.internal.crypto;

import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.CryptoException;

/**
 * AES-256-GCM under an IV the caller chooses, with no associated data: only for Avalon's legacy
 * ({@code avalon-1}) envelope, which encrypts the request hash, every input and every output under
 * the one {@code sessionKeyIv} (security review C1). Nothing Camelot designs may call this; the
 * hardened envelope and everything else use {@link Aead}, which picks its own IVs.
 */
public final class LegacyFixedIvGcm {
    private final byte[] key;

    private LegacyFixedIvGcm(byte[] key) {
        this.key = key.clone();
    }

    /**
     * @throws CryptoException if the key is not 32 bytes
     */
    public static LegacyFixedIvGcm of(byte[] key) {
        GcmCipher.requireKeyLength(key);
        return new LegacyFixedIvGcm(key);
    }

    /** A fresh random IV for a legacy request's {@code sessionKeyIv}. */
    public static byte[] newSessionIv() {
        return SecureRandomHolder.randomBytes(Aead.IV_BYTES);
    }

    /** Returns {@code ct‖tag} under the caller's IV. */
    public byte[] encryptWithCallerIv(byte[] iv, byte[] plaintext) {
        return GcmCipher.encrypt(key, iv, plaintext, null);
    }

    /** Decrypts {@code ct‖tag} under the given IV; decryption under a received IV is not a misuse. */
    public byte[] decrypt(byte[] iv, byte[] ciphertextAndTag) {
        return GcmCipher.decrypt(key, iv, ciphertextAndTag, null);
    }
}
