package io.camelot.protocol.crypto;

import io.camelot.protocol.internal.crypto.GcmCipher;
import io.camelot.protocol.internal.crypto.SecureRandomHolder;
import java.util.Arrays;

/** AES-256-GCM under a fresh random IV per message. */
final class AesGcmAead implements Aead {
    private final byte[] key;

    AesGcmAead(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        Detached detached = sealDetached(plaintext, associatedData);
        byte[] out = Arrays.copyOf(detached.iv(), IV_BYTES + detached.ciphertextAndTag().length);
        System.arraycopy(detached.ciphertextAndTag(), 0, out, IV_BYTES, detached.ciphertextAndTag().length);
        return out;
    }

    @Override
    public byte[] open(byte[] ivCiphertextAndTag, byte[] associatedData) {
        if (ivCiphertextAndTag.length < IV_BYTES + TAG_BYTES) {
            throw new CryptoException("AES_GCM IV-prefixed ciphertext is shorter than IV and tag");
        }
        return GcmCipher.decrypt(
                key,
                Arrays.copyOf(ivCiphertextAndTag, IV_BYTES),
                Arrays.copyOfRange(ivCiphertextAndTag, IV_BYTES, ivCiphertextAndTag.length),
                associatedData);
    }

    @Override
    public Detached sealDetached(byte[] plaintext, byte[] associatedData) {
        byte[] iv = SecureRandomHolder.randomBytes(IV_BYTES);
        return new Detached(iv, GcmCipher.encrypt(key, iv, plaintext, associatedData));
    }

    @Override
    public byte[] openDetached(byte[] iv, byte[] ciphertextAndTag, byte[] associatedData) {
        return GcmCipher.decrypt(key, iv, ciphertextAndTag, associatedData);
    }
}
