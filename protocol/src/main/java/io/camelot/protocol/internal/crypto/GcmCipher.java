package io.camelot.protocol.internal.crypto;

import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.CryptoProviders;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The raw AES-256-GCM operation under a caller's IV, behind {@link Aead}, the X25519 key wrap and
 * {@link LegacyFixedIvGcm}. Internal: outside {@code protocol} an IV is always chosen by one of
 * those. A new {@link Cipher} per call keeps it thread-safe.
 */
public final class GcmCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final byte[] NO_AAD = new byte[0];

    private GcmCipher() {}

    public static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext, byte[] associatedData) {
        requireIvLength(iv);
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, iv, associatedData).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES_GCM encryption failed", e);
        }
    }

    public static byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertextAndTag, byte[] associatedData) {
        requireIvLength(iv);
        try {
            return cipher(Cipher.DECRYPT_MODE, key, iv, associatedData).doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new CryptoException("AES_GCM authentication failed, plaintext is not trustworthy", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES_GCM decryption failed", e);
        }
    }

    /**
     * @throws CryptoException if the key is not 32 bytes (Avalon only uses AES-256)
     */
    public static void requireKeyLength(byte[] key) {
        if (key.length != AesGcm.KEY_BYTES) {
            throw new CryptoException("AES_GCM key must be " + AesGcm.KEY_BYTES + " bytes, got " + key.length);
        }
    }

    // Avalon's C++ enclave rejects any other IV length, so accepting one here would produce
    // unreadable envelopes.
    private static void requireIvLength(byte[] iv) {
        if (iv.length != Aead.IV_BYTES) {
            throw new CryptoException("AES_GCM IV must be " + Aead.IV_BYTES + " bytes, got " + iv.length);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = CryptoProviders.cipher(TRANSFORMATION);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(Aead.TAG_BYTES * Byte.SIZE, iv));
        byte[] aad = associatedData == null ? NO_AAD : associatedData;
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
        return cipher;
    }
}
