package io.camelot.protocol.crypto;

/**
 * AES-256-GCM as the EEA work order envelope uses it: 12-byte IV, 16-byte tag appended
 * ({@code ct‖tag}), no associated data.
 */
public interface Aead {
  int IV_BYTES = 12;
  int TAG_BYTES = 16;

  /** Encrypts under an IV the caller supplies (the work order's {@code sessionKeyIv}); returns {@code ct‖tag}. */
  byte[] encrypt(byte[] iv, byte[] plaintext);

  /**
   * @throws CryptoException if the IV is not 12 bytes or authentication fails
   */
  byte[] decrypt(byte[] iv, byte[] ciphertextAndTag);

  /** Encrypts under a fresh random IV; returns {@code iv‖ct‖tag}. */
  byte[] encryptIvPrefixed(byte[] plaintext);

  /** Inverse of {@link #encryptIvPrefixed}. */
  byte[] decryptIvPrefixed(byte[] ivCiphertextAndTag);
}
