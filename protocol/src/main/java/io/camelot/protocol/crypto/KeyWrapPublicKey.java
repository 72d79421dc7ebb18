package io.camelot.protocol.crypto;

/** Wraps (encrypts) a short secret, such as a session key, to a worker's public encryption key. */
public interface KeyWrapPublicKey {
    byte[] wrap(byte[] secret);

    /**
     * SubjectPublicKeyInfo PEM, 64-column lines, trailing newline: the exact text a worker publishes.
     */
    String pem();

    /** The name a worker advertises in {@code keyEncryptionAlgorithm}, e.g. {@code RSA-OAEP-3072}. */
    String algorithm();
}
