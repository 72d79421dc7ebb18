package io.camelot.protocol.crypto;

/** Unwraps secrets wrapped to the matching {@link KeyWrapPublicKey}. */
public interface KeyWrapPrivateKey {
    /**
     * @throws CryptoException if the ciphertext has the wrong size or fails to decrypt
     */
    byte[] unwrap(byte[] wrapped);

    /**
     * The exact size of every ciphertext this key unwraps. Each algorithm's differs (RSA-OAEP: the
     * modulus size; X25519: {@value X25519Hkdf#WRAPPED_BYTES}), which is how {@link KeyWrapKeyRing}
     * picks the key without a marker on the wire.
     */
    int wrappedBytes();

    KeyWrapPublicKey publicKey();

    /** PKCS#8 DER of the private key, for sealing at rest. */
    byte[] toPkcs8();
}
