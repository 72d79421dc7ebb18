package io.camelot.protocol.crypto;

/**
 * A cryptographic operation failed: bad key, bad ciphertext, failed authentication, malformed PEM.
 */
public class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
