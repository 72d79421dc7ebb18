package io.camelot.protocol.crypto;

import io.camelot.protocol.internal.crypto.GcmCipher;
import java.io.IOException;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.Arrays;

/** Unwraps what {@link X25519HkdfPublicKey} wrapped. Immutable. */
final class X25519HkdfPrivateKey implements KeyWrapPrivateKey {
    private final X25519PrivateKeyParameters key;
    private final X25519HkdfPublicKey publicKey;

    X25519HkdfPrivateKey(X25519PrivateKeyParameters key) {
        this.key = key;
        this.publicKey = new X25519HkdfPublicKey(key.generatePublicKey());
    }

    @Override
    public byte[] unwrap(byte[] wrapped) {
        if (wrapped.length != X25519Hkdf.WRAPPED_BYTES) {
            throw new CryptoException(
                    X25519Hkdf.ALGORITHM + " ciphertext must be " + X25519Hkdf.WRAPPED_BYTES + " bytes");
        }
        int pointBytes = X25519PublicKeyParameters.KEY_SIZE;
        byte[] ephemeralPublic = Arrays.copyOfRange(wrapped, 0, pointBytes);
        byte[] shared = X25519HkdfPublicKey.agree(key, new X25519PublicKeyParameters(ephemeralPublic, 0));
        X25519HkdfPublicKey.KeyEncryptionKey kek =
                X25519HkdfPublicKey.KeyEncryptionKey.derive(shared, ephemeralPublic, publicKey.raw());
        return GcmCipher.decrypt(kek.key(), kek.iv(), Arrays.copyOfRange(wrapped, pointBytes, wrapped.length), null);
    }

    @Override
    public int wrappedBytes() {
        return X25519Hkdf.WRAPPED_BYTES;
    }

    @Override
    public KeyWrapPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] toPkcs8() {
        try {
            return PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded();
        } catch (IOException e) {
            throw new CryptoException("PKCS#8 encoding failed", e);
        }
    }
}
