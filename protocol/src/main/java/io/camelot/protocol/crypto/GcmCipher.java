package io.camelot.protocol.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The raw AES-256-GCM operation behind {@link Aead} and {@link LegacyFixedIvGcm}; never exposed, so
 * the IV is always chosen by one of those two. A new {@link Cipher} per call keeps it thread-safe.
 */
final class GcmCipher {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] NO_AAD = new byte[0];

  private GcmCipher() {}

  static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext, byte[] associatedData) {
    requireIvLength(iv);
    try {
      return cipher(Cipher.ENCRYPT_MODE, key, iv, associatedData).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES_GCM encryption failed", e);
    }
  }

  static byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertextAndTag, byte[] associatedData) {
    requireIvLength(iv);
    try {
      return cipher(Cipher.DECRYPT_MODE, key, iv, associatedData).doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new CryptoException("AES_GCM authentication failed, plaintext is not trustworthy", e);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES_GCM decryption failed", e);
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
