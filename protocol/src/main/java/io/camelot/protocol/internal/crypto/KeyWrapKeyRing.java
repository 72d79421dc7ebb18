package io.camelot.protocol.internal.crypto;

import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * All the private keys a worker unwraps with, told apart by the ciphertext's size alone: RSA-OAEP
 * ciphertexts are exactly the modulus size (384 bytes for RSA-3072), {@link X25519Hkdf} ones
 * exactly {@value X25519Hkdf#WRAPPED_BYTES} bytes. No marker is needed, so Avalon's RSA ciphertexts
 * stay byte for byte what Avalon clients send, and a ciphertext can never be tried under the wrong
 * key.
 */
public final class KeyWrapKeyRing {
    private final List<KeyWrapPrivateKey> keys;

    private KeyWrapKeyRing(List<KeyWrapPrivateKey> keys) {
        this.keys = keys;
    }

    /**
     * @param primary the key whose error answers ciphertexts of no known size (the worker's RSA key,
     *     so an RSA-only worker answers exactly as before)
     * @throws IllegalArgumentException if two keys have the same ciphertext size
     */
    public static KeyWrapKeyRing of(KeyWrapPrivateKey primary, KeyWrapPrivateKey... others) {
        List<KeyWrapPrivateKey> keys = new ArrayList<>();
        keys.add(primary);
        keys.addAll(List.of(others));
        Set<Integer> sizes = new HashSet<>();
        for (KeyWrapPrivateKey key : keys) {
            if (!sizes.add(key.wrappedBytes())) {
                throw new IllegalArgumentException(
                        "two keys unwrap " + key.wrappedBytes() + "-byte ciphertexts; the size must name the key");
            }
        }
        return new KeyWrapKeyRing(List.copyOf(keys));
    }

    /**
     * @throws CryptoException if no key takes this size, or the key's unwrap fails
     */
    public byte[] unwrap(byte[] wrapped) {
        for (KeyWrapPrivateKey key : keys) {
            if (key.wrappedBytes() == wrapped.length) {
                return key.unwrap(wrapped);
            }
        }
        return keys.getFirst().unwrap(wrapped);
    }
}
