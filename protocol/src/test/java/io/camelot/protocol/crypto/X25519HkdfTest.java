package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.junit.jupiter.api.Test;

class X25519HkdfTest {
    static final KeyWrapPrivateKey WORKER = X25519Hkdf.generate();

    @Test
    void wrapsA32ByteKeyInto80BytesThatOnlyTheWorkerUnwraps() {
        byte[] sessionKey = AesGcm.newKey();

        byte[] wrapped = WORKER.publicKey().wrap(sessionKey);

        assertThat(wrapped).hasSize(X25519Hkdf.WRAPPED_BYTES).hasSize(80);
        assertThat(WORKER.wrappedBytes()).isEqualTo(80);
        assertThat(WORKER.unwrap(wrapped)).isEqualTo(sessionKey);
        assertThatThrownBy(() -> X25519Hkdf.generate().unwrap(wrapped)).isInstanceOf(CryptoException.class);
    }

    @Test
    void everyWrapUsesAFreshEphemeralKey() {
        byte[] sessionKey = AesGcm.newKey();
        byte[] first = WORKER.publicKey().wrap(sessionKey);
        byte[] second = WORKER.publicKey().wrap(sessionKey);
        assertThat(Arrays.copyOf(first, 32)).isNotEqualTo(Arrays.copyOf(second, 32));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void flippingAnyBitIsDetected() {
        byte[] wrapped = WORKER.publicKey().wrap(AesGcm.newKey());
        for (int i = 0; i < wrapped.length; i++) {
            byte[] tampered = wrapped.clone();
            tampered[i] ^= (byte) (i == 31 ? 0x01 : 0x80 >>> (i % 8));
            assertThatThrownBy(() -> WORKER.unwrap(tampered)).as("byte %d", i).isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void aSmallOrderEphemeralKeyIsRefused() {
        byte[] wrapped = WORKER.publicKey().wrap(AesGcm.newKey());
        Arrays.fill(wrapped, 0, 32, (byte) 0);
        assertThatThrownBy(() -> WORKER.unwrap(wrapped))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("small order");
    }

    @Test
    void onlyExactSizesAreAccepted() {
        assertThatThrownBy(() -> WORKER.publicKey().wrap(new byte[16]))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("32-byte keys");
        assertThatThrownBy(() -> WORKER.unwrap(new byte[79]))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("80 bytes");
    }

    @Test
    void keysSurviveTheirEncodings() {
        KeyWrapPrivateKey reloaded = X25519Hkdf.fromPkcs8(WORKER.toPkcs8());
        KeyWrapPublicKey published =
                X25519Hkdf.publicKeyFromPem(WORKER.publicKey().pem());
        byte[] sessionKey = AesGcm.newKey();

        assertThat(reloaded.publicKey().pem()).isEqualTo(WORKER.publicKey().pem());
        assertThat(reloaded.unwrap(published.wrap(sessionKey))).isEqualTo(sessionKey);
        assertThat(WORKER.publicKey().pem())
                .startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA")
                .endsWith("-----END PUBLIC KEY-----\n");
        assertThat(published.algorithm()).isEqualTo("X25519-HKDF-SHA256-AES-GCM-256");
    }

    @Test
    void otherKeyTypesAreRefused() {
        KeyWrapPrivateKey rsa = RsaOaep.generate();
        assertThatThrownBy(() -> X25519Hkdf.publicKeyFromPem(rsa.publicKey().pem()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("expected id-X25519");
        assertThatThrownBy(() -> X25519Hkdf.fromPkcs8(rsa.toPkcs8())).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> RsaOaep.publicKeyFromPem(WORKER.publicKey().pem()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void derivationFollowsTheDocumentedFormat() throws Exception {
        // Recomputes the KEK from the documented formula, with the JDK's HMAC rather than
        // BouncyCastle's
        // HKDF, from nothing but the wire bytes and the private key.
        byte[] sessionKey = AesGcm.newKey();
        byte[] wrapped = WORKER.publicKey().wrap(sessionKey);
        byte[] ephemeral = Arrays.copyOf(wrapped, 32);
        byte[] workerPublic = ((X25519HkdfPublicKey) WORKER.publicKey()).raw();
        byte[] shared = new byte[32];
        ((X25519PrivateKeyParameters) PrivateKeyFactory.createKey(WORKER.toPkcs8()))
                .generateSecret(new X25519PublicKeyParameters(ephemeral), shared, 0);
        byte[] info =
                concat("X25519-HKDF-SHA256-AES-GCM-256".getBytes(StandardCharsets.US_ASCII), ephemeral, workerPublic);
        byte[] okm = hkdfSha256(shared, new byte[32], info, 44);

        byte[] opened = AesGcm.of(Arrays.copyOf(okm, 32))
                .openDetached(Arrays.copyOfRange(okm, 32, 44), Arrays.copyOfRange(wrapped, 32, 80), null);

        assertThat(opened).isEqualTo(sessionKey);
    }

    /** RFC 5869, extract then expand. */
    static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) throws Exception {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = extract.doFinal(ikm);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] okm = new byte[0];
        byte[] block = new byte[0];
        for (int counter = 1; okm.length < length; counter++) {
            expand.update(block);
            expand.update(info);
            expand.update((byte) counter);
            block = expand.doFinal();
            okm = concat(okm, block);
        }
        return Arrays.copyOf(okm, length);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
