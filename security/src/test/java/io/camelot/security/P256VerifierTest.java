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

/** Bouncy Castle's check accepts exactly the JDK's SHA256withECDSA signatures, in canonical DER. */
class P256VerifierTest {
    private final KeyPair pair = RequestSigner.newKeyPair();
    private final ECPublicKeyParameters key = P256Verifier.publicKey(pair.getPublic());
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

        assertThat(P256Verifier.verify(key, message, der)).isTrue();
        assertThat(P256Verifier.verify(key, Arrays.copyOf(message, message.length - 1), der))
                .isFalse();
        assertThat(P256Verifier.verify(
                        P256Verifier.publicKey(RequestSigner.newKeyPair().getPublic()), message, der))
                .isFalse();
    }

    @Test
    void onlyCanonicalDerIsAccepted() throws Exception {
        byte[] der = jdkSignature(message);
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        byte[] flipped = der.clone();
        flipped[der.length - 1] ^= 1;

        assertThat(P256Verifier.verify(key, message, trailing)).isFalse();
        assertThat(P256Verifier.verify(key, message, flipped)).isFalse();
        assertThat(P256Verifier.verify(key, message, new byte[0])).isFalse();
        assertThat(P256Verifier.verify(key, message, new byte[] {0x30, 0x00})).isFalse();
    }

    @Test
    void keysOfAnotherCurveAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));

        assertThatThrownBy(
                        () -> P256Verifier.publicKey(generator.generateKeyPair().getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
    }
}
