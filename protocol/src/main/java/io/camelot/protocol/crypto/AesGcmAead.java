package io.camelot.protocol.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with no associated data. A new {@link Cipher} per call keeps instances thread-safe
 * and, unlike a cached one, lets callers encrypt repeatedly under the same key and IV: the JDK
 * refuses to re-initialise one GCM cipher for encryption with an IV it just used, while Avalon
 * deliberately reuses {@code sessionKeyIv} for every item it encrypts.
 */
final class AesGcmAead implements Aead {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec key;

  AesGcmAead(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  @Override
  public byte[] encrypt(byte[] iv, byte[] plaintext) {
    requireIvLength(iv);
    try {
      return cipher(Cipher.ENCRYPT_MODE, iv).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES_GCM encryption failed", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] iv, byte[] ciphertextAndTag) {
    requireIvLength(iv);
    try {
      return cipher(Cipher.DECRYPT_MODE, iv).doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new CryptoException("AES_GCM authentication failed, plaintext is not trustworthy", e);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES_GCM decryption failed", e);
    }
  }

  @Override
  public byte[] encryptIvPrefixed(byte[] plaintext) {
    byte[] iv = AesGcm.newIv();
    byte[] ciphertextAndTag = encrypt(iv, plaintext);
    byte[] out = Arrays.copyOf(iv, IV_BYTES + ciphertextAndTag.length);
    System.arraycopy(ciphertextAndTag, 0, out, IV_BYTES, ciphertextAndTag.length);
    return out;
  }

  @Override
  public byte[] decryptIvPrefixed(byte[] ivCiphertextAndTag) {
    if (ivCiphertextAndTag.length < IV_BYTES + TAG_BYTES) {
      throw new CryptoException("AES_GCM IV-prefixed ciphertext is shorter than IV and tag");
    }
    byte[] iv = Arrays.copyOf(ivCiphertextAndTag, IV_BYTES);
    return decrypt(iv, Arrays.copyOfRange(ivCiphertextAndTag, IV_BYTES, ivCiphertextAndTag.length));
  }

  // Avalon's C++ enclave rejects any other IV length, so accepting one here would produce
  // unreadable envelopes.
  private static void requireIvLength(byte[] iv) {
    if (iv.length != IV_BYTES) {
      throw new CryptoException("AES_GCM IV must be " + IV_BYTES + " bytes, got " + iv.length);
    }
  }

  private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
    Cipher cipher = CryptoProviders.cipher(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * Byte.SIZE, iv));
    return cipher;
  }
}
