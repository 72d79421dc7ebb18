package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import org.junit.jupiter.api.Test;

class KeyWrapKeyRingTest {
    static final KeyWrapPrivateKey RSA = RsaOaep.generate();
    static final KeyWrapPrivateKey X25519 = X25519Hkdf.generate();

    @Test
    void theCiphertextSizeNamesTheKey() {
        KeyWrapKeyRing ring = KeyWrapKeyRing.of(RSA, X25519);
        byte[] secret = AesGcm.newKey();

        byte[] rsaWrapped = RSA.publicKey().wrap(secret);
        byte[] x25519Wrapped = X25519.publicKey().wrap(secret);

        assertThat(rsaWrapped).hasSize(384);
        assertThat(x25519Wrapped).hasSize(80);
        assertThat(ring.unwrap(rsaWrapped)).isEqualTo(secret);
        assertThat(ring.unwrap(x25519Wrapped)).isEqualTo(secret);
    }

    @Test
    void anUnknownSizeGetsThePrimaryKeysAnswer() {
        assertThatThrownBy(() -> KeyWrapKeyRing.of(RSA, X25519).unwrap(new byte[100]))
                .isInstanceOf(CryptoException.class)
                .hasMessage("RSA ciphertext size is invalid");
    }

    @Test
    void anRsaOnlyRingRefusesX25519Ciphertexts() {
        byte[] x25519Wrapped = X25519.publicKey().wrap(AesGcm.newKey());
        assertThatThrownBy(() -> KeyWrapKeyRing.of(RSA).unwrap(x25519Wrapped))
                .isInstanceOf(CryptoException.class)
                .hasMessage("RSA ciphertext size is invalid");
    }

    @Test
    void keysWithTheSameCiphertextSizeAreAmbiguous() {
        assertThatThrownBy(() -> KeyWrapKeyRing.of(X25519, X25519Hkdf.generate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("80-byte");
    }
}
