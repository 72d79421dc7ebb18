package io.camelot.protocol.crypto;

/**
 * Factory for the AES-256-GCM {@link Aead} of the work order envelope, plus its key and IV
 * generators.
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
    if (key.length != KEY_BYTES) {
      throw new CryptoException("AES_GCM key must be " + KEY_BYTES + " bytes, got " + key.length);
    }
    return new AesGcmAead(key);
  }

  /** A fresh random 32-byte session key. */
  public static byte[] newKey() {
    return SecureRandomHolder.randomBytes(KEY_BYTES);
  }

  /** A fresh random 12-byte IV. */
  public static byte[] newIv() {
    return SecureRandomHolder.randomBytes(Aead.IV_BYTES);
  }
}
