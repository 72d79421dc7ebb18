package io.camelot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;

/** Bouncy Castle's P-256 ECDSA interoperates with the JDK's SHA256withECDSA, in canonical DER only. */
class P256EcdsaTest {
    private final KeyPair pair = RequestSigner.newKeyPair();
    private final ECPublicKeyParameters key = P256Ecdsa.publicKey(pair.getPublic());
    private final byte[] message = "camelot-request-v2\naudience\n1\nnonce\nbody".getBytes(StandardCharsets.US_ASCII);

    private byte[] jdkSignature(byte[] signed) throws Exception {
        Signature signer = Signature.getInstance(SignedRequests.ALGORITHM);
        signer.initSign(pair.getPrivate());
        signer.update(signed);
        return signer.sign();
    }

    @Test
    void aJdkSignatureOfTheMessageVerifiesAndNothingElseDoes() throws Exception {
        byte[] der = jdkSignature(message);

        assertThat(P256Ecdsa.verify(key, message, der)).isTrue();
        assertThat(P256Ecdsa.verify(key, Arrays.copyOf(message, message.length - 1), der))
                .isFalse();
        assertThat(P256Ecdsa.verify(
                        P256Ecdsa.publicKey(RequestSigner.newKeyPair().getPublic()), message, der))
                .isFalse();
    }

    @Test
    void itsSignaturesVerifyWithTheJdkToo() throws Exception {
        byte[] der = P256Ecdsa.sign(P256Ecdsa.privateKey(pair.getPrivate()), message);
        Signature jdk = Signature.getInstance(SignedRequests.ALGORITHM);
        jdk.initVerify(pair.getPublic());
        jdk.update(message);

        assertThat(jdk.verify(der)).isTrue();
        assertThat(P256Ecdsa.verify(key, message, der)).isTrue();
    }

    @Test
    void onlyCanonicalDerIsAccepted() throws Exception {
        byte[] der = jdkSignature(message);
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        byte[] flipped = der.clone();
        flipped[der.length - 1] ^= 1;

        assertThat(P256Ecdsa.verify(key, message, trailing)).isFalse();
        assertThat(P256Ecdsa.verify(key, message, flipped)).isFalse();
        assertThat(P256Ecdsa.verify(key, message, new byte[0])).isFalse();
        assertThat(P256Ecdsa.verify(key, message, new byte[] {0x30, 0x00})).isFalse();
    }

    @Test
    void keysOfAnotherCurveAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));

        KeyPair p384 = generator.generateKeyPair();

        assertThatThrownBy(() -> P256Ecdsa.publicKey(p384.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
        assertThatThrownBy(() -> P256Ecdsa.privateKey(p384.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
    }
}
