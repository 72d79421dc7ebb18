package io.camelot.protocol.crypto;

import io.camelot.protocol.internal.crypto.GcmCipher;
import io.camelot.protocol.internal.crypto.SecureRandomHolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.Arrays;

/** Wraps 32-byte secrets as {@link X25519Hkdf} specifies. Immutable. */
final class X25519HkdfPublicKey implements KeyWrapPublicKey {
    private static final byte[] INFO_PREFIX = X25519Hkdf.ALGORITHM.getBytes(StandardCharsets.US_ASCII);

    private final X25519PublicKeyParameters key;
    private final String pem;

    X25519HkdfPublicKey(X25519PublicKeyParameters key) {
        this.key = key;
        try {
            this.pem = Pem.encode(
                    "PUBLIC KEY",
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded());
        } catch (IOException e) {
            throw new CryptoException("SubjectPublicKeyInfo encoding failed", e);
        }
    }

    @Override
    public byte[] wrap(byte[] secret) {
        // A fixed size keeps the wrapped length unique, which is how the worker recognises it.
        if (secret.length != AesGcm.KEY_BYTES) {
            throw new CryptoException(
                    X25519Hkdf.ALGORITHM + " wraps " + AesGcm.KEY_BYTES + "-byte keys, got " + secret.length);
        }
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(SecureRandomHolder.RANDOM);
        byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
        byte[] shared = agree(ephemeral, key);
        KeyEncryptionKey kek = KeyEncryptionKey.derive(shared, ephemeralPublic, key.getEncoded());
        // The KEK is single-use (fresh ephemeral key), so its HKDF-derived IV is never reused.
        return Arrays.concatenate(ephemeralPublic, GcmCipher.encrypt(kek.key(), kek.iv(), secret, null));
    }

    @Override
    public String pem() {
        return pem;
    }

    @Override
    public String algorithm() {
        return X25519Hkdf.ALGORITHM;
    }

    byte[] raw() {
        return key.getEncoded();
    }

    /**
     * Z = X25519(private, public); BouncyCastle refuses the all-zero result of a small-order point.
     */
    static byte[] agree(X25519PrivateKeyParameters privateKey, X25519PublicKeyParameters publicKey) {
        byte[] shared = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
        try {
            privateKey.generateSecret(publicKey, shared, 0);
        } catch (IllegalStateException e) {
            throw new CryptoException("X25519 agreement failed: the public key has small order", e);
        }
        return shared;
    }

    /** The AES-256-GCM key and IV HKDF derives from one agreement. */
    record KeyEncryptionKey(byte[] key, byte[] iv) {
        static KeyEncryptionKey derive(byte[] shared, byte[] ephemeralPublic, byte[] workerPublic) {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            // A null salt is HKDF's default: HashLen zero bytes.
            hkdf.init(new HKDFParameters(shared, null, Arrays.concatenate(INFO_PREFIX, ephemeralPublic, workerPublic)));
            byte[] okm = new byte[AesGcm.KEY_BYTES + Aead.IV_BYTES];
            hkdf.generateBytes(okm, 0, okm.length);
            return new KeyEncryptionKey(
                    Arrays.copyOfRange(okm, 0, AesGcm.KEY_BYTES),
                    Arrays.copyOfRange(okm, AesGcm.KEY_BYTES, okm.length));
        }
    }
}
