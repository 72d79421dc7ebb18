package io.camelot.protocol.crypto;

/**
 * Authenticated encryption that picks its own nonces (AES-256-GCM: 12-byte IV, 16-byte tag
 * appended). Every call draws a fresh random IV, so no caller can use one (key, IV) pair twice. The
 * associated data binds a ciphertext to its context: decrypting with other associated data fails.
 *
 * <p>Avalon's legacy envelope needs a caller-chosen IV; that lives apart, in {@link
 * LegacyFixedIvGcm}.
 */
public interface Aead {
    int IV_BYTES = 12;
    int TAG_BYTES = 16;

    /** Encrypts under a fresh random IV; returns {@code iv‖ct‖tag}. */
    byte[] seal(byte[] plaintext, byte[] associatedData);

    /**
     * Inverse of {@link #seal}.
     *
     * @throws CryptoException if the input is too short or authentication fails
     */
    byte[] open(byte[] ivCiphertextAndTag, byte[] associatedData);

    /**
     * Encrypts under a fresh random IV that is returned apart from the ciphertext, for formats that
     * carry the IV in a field of its own (a data item's {@code iv}).
     */
    Detached sealDetached(byte[] plaintext, byte[] associatedData);

    /**
     * Inverse of {@link #sealDetached}; the IV comes from the message, so it is safe to take it here.
     *
     * @throws CryptoException if the IV is not 12 bytes or authentication fails
     */
    byte[] openDetached(byte[] iv, byte[] ciphertextAndTag, byte[] associatedData);

    /** A ciphertext ({@code ct‖tag}) and the random IV it was sealed under. */
    record Detached(byte[] iv, byte[] ciphertextAndTag) {}
}
