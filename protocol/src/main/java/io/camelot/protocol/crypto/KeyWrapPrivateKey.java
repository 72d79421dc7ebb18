package io.camelot.protocol.crypto;

/** Unwraps secrets wrapped to the matching {@link KeyWrapPublicKey}. */
public interface KeyWrapPrivateKey {
  /**
   * @throws CryptoException if the ciphertext has the wrong size or fails to decrypt
   */
  byte[] unwrap(byte[] wrapped);

  KeyWrapPublicKey publicKey();

  /** PKCS#8 DER of the private key, for sealing at rest. */
  byte[] toPkcs8();
}
