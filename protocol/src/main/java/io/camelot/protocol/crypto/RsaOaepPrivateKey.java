package io.camelot.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import javax.crypto.Cipher;

/**
 * Unwraps RSA-OAEP (SHA-1, MGF1-SHA-1, empty label) ciphertexts. Immutable; a new {@link Cipher}
 * per call.
 */
final class RsaOaepPrivateKey implements KeyWrapPrivateKey {
    private final RSAPrivateCrtKey key;
    private final RsaOaepPublicKey publicKey;
    private final int ciphertextBytes;

    RsaOaepPrivateKey(RSAPrivateCrtKey key, RsaOaepPublicKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
        this.ciphertextBytes = (key.getModulus().bitLength() + Byte.SIZE - 1) / Byte.SIZE;
    }

    @Override
    public byte[] unwrap(byte[] wrapped) {
        // Avalon's C++ enclave accepts only modulus-sized ciphertexts; matching it keeps both servers'
        // answers alike.
        if (wrapped.length != ciphertextBytes) {
            throw new CryptoException("RSA ciphertext size is invalid");
        }
        try {
            Cipher cipher = CryptoProviders.cipher(RsaOaepPublicKey.TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, RsaOaepPublicKey.AVALON_OAEP);
            return cipher.doFinal(wrapped);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("RSA-OAEP unwrap failed", e);
        }
    }

    @Override
    public int wrappedBytes() {
        return ciphertextBytes;
    }

    @Override
    public KeyWrapPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] toPkcs8() {
        return key.getEncoded();
    }
}
