package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RsaOaepTest {
    private static final int CIPHERTEXT_BYTES = 384;

    // 3072-bit key generation takes a noticeable fraction of a second, so the whole class shares one
    // key.
    private static KeyWrapPrivateKey key;

    @BeforeAll
    static void generateKey() {
        key = RsaOaep.generate();
    }

    @Test
    void generatesA3072BitKeyWithExponent65537() throws IOException {
        RSAKeyParameters publicKey = bcPublicKey(key.publicKey().pem());

        assertThat(publicKey.getModulus().bitLength()).isEqualTo(3072);
        assertThat(publicKey.getExponent()).isEqualTo(BigInteger.valueOf(65537));
    }

    @Test
    void unwrapsWhatItsPublicKeyWraps() {
        qt().withExamples(20).forAll(ByteGens.bytes(32)).checkAssert(secret -> {
            byte[] wrapped = key.publicKey().wrap(secret);

            assertThat(wrapped).hasSize(CIPHERTEXT_BYTES);
            assertThat(key.unwrap(wrapped)).isEqualTo(secret);
        });
    }

    @Test
    void wrappingIsRandomised() {
        byte[] secret = AesGcm.newKey();

        assertThat(key.publicKey().wrap(secret)).isNotEqualTo(key.publicKey().wrap(secret));
    }

    @Test
    void usesSha1AndMgf1Sha1WithEmptyLabelLikeAvalon() throws Exception {
        byte[] secret = AesGcm.newKey();
        AsymmetricBlockCipher avalonOaep = new OAEPEncoding(new RSAEngine(), new SHA1Digest(), new SHA1Digest(), null);

        avalonOaep.init(false, PrivateKeyFactory.createKey(key.toPkcs8()));
        byte[] ours = key.publicKey().wrap(secret);
        assertThat(avalonOaep.processBlock(ours, 0, ours.length)).isEqualTo(secret);

        avalonOaep.init(true, bcPublicKey(key.publicKey().pem()));
        byte[] theirs = avalonOaep.processBlock(secret, 0, secret.length);
        assertThat(key.unwrap(theirs)).isEqualTo(secret);
    }

    @Test
    void rejectsOaepWithSha256() throws IOException, InvalidCipherTextException {
        byte[] secret = AesGcm.newKey();
        AsymmetricBlockCipher sha256Oaep =
                new OAEPEncoding(new RSAEngine(), new SHA256Digest(), new SHA256Digest(), null);
        sha256Oaep.init(true, bcPublicKey(key.publicKey().pem()));
        byte[] wrapped = sha256Oaep.processBlock(secret, 0, secret.length);

        assertThatThrownBy(() -> key.unwrap(wrapped)).isInstanceOf(CryptoException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 256, 383, 385, 512})
    void rejectsCiphertextsOtherThanModulusSize(int length) {
        assertThatThrownBy(() -> key.unwrap(new byte[length]))
                .isInstanceOf(CryptoException.class)
                .hasMessage("RSA ciphertext size is invalid");
    }

    @Test
    void rejectsACiphertextWithAnyByteFlipped() {
        byte[] wrapped = key.publicKey().wrap(AesGcm.newKey());
        qt().withExamples(20)
                .forAll(integers().between(0, CIPHERTEXT_BYTES - 1), integers().between(1, 255))
                .checkAssert((position, flipMask) -> {
                    byte[] tampered = wrapped.clone();
                    tampered[position] ^= flipMask.byteValue();

                    assertThatThrownBy(() -> key.unwrap(tampered)).isInstanceOf(CryptoException.class);
                });
    }

    @Test
    void publishesSpkiPemIn64ColumnLinesWithTrailingNewline() {
        String pem = key.publicKey().pem();
        List<String> lines = pem.lines().toList();

        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
        List<String> body = lines.subList(1, lines.size() - 1);
        assertThat(body.subList(0, body.size() - 1))
                .allSatisfy(line -> assertThat(line).hasSize(64));
        assertThat(body.getLast()).hasSizeBetween(1, 64);
    }

    @Test
    void publishedPemReadsBackToAKeyThePrivateKeyUnwraps() {
        KeyWrapPublicKey reread = RsaOaep.publicKeyFromPem(key.publicKey().pem());
        byte[] secret = AesGcm.newKey();

        assertThat(reread.pem()).isEqualTo(key.publicKey().pem());
        assertThat(key.unwrap(reread.wrap(secret))).isEqualTo(secret);
    }

    @Test
    void readsPkcs1Pem() throws IOException {
        RSAKeyParameters publicKey = bcPublicKey(key.publicKey().pem());
        byte[] pkcs1 = new org.bouncycastle.asn1.pkcs.RSAPublicKey(publicKey.getModulus(), publicKey.getExponent())
                .getEncoded();
        String pkcs1Pem = Pem.encode("RSA PUBLIC KEY", pkcs1);
        byte[] secret = AesGcm.newKey();

        KeyWrapPublicKey reread = RsaOaep.publicKeyFromPem(pkcs1Pem);

        assertThat(reread.pem())
                .as("republished as SPKI")
                .isEqualTo(key.publicKey().pem());
        assertThat(key.unwrap(reread.wrap(secret))).isEqualTo(secret);
    }

    @Test
    void readsPemWrappedAt76ColumnsWithCrlfAndNoFinalNewline() {
        String body = key.publicKey()
                .pem()
                .lines()
                .filter(line -> !line.startsWith("-----"))
                .reduce("", String::concat);
        StringBuilder pem = new StringBuilder("-----BEGIN PUBLIC KEY-----\r\n");
        for (int start = 0; start < body.length(); start += 76) {
            pem.append(body, start, Math.min(body.length(), start + 76)).append("\r\n");
        }
        pem.append("-----END PUBLIC KEY-----");
        byte[] secret = AesGcm.newKey();

        KeyWrapPublicKey reread = RsaOaep.publicKeyFromPem(pem.toString());

        assertThat(key.unwrap(reread.wrap(secret))).isEqualTo(secret);
    }

    @Test
    void pkcs8RoundTripPreservesTheKey() {
        KeyWrapPrivateKey restored = RsaOaep.fromPkcs8(key.toPkcs8());
        byte[] secret = AesGcm.newKey();

        assertThat(restored.publicKey().pem()).isEqualTo(key.publicKey().pem());
        assertThat(restored.unwrap(key.publicKey().wrap(secret))).isEqualTo(secret);
        assertThat(key.unwrap(restored.publicKey().wrap(secret))).isEqualTo(secret);
    }

    @Test
    void rejectsMalformedKeys() {
        String ecPem = Secp256k1.generate().verifier().pem();

        assertThatThrownBy(() -> RsaOaep.fromPkcs8(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> RsaOaep.fromPkcs8(Secp256k1.generate().toPkcs8()))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> RsaOaep.publicKeyFromPem(ecPem)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> RsaOaep.publicKeyFromPem(Pem.encode("RSA PUBLIC KEY", new byte[] {1, 2, 3})))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> RsaOaep.publicKeyFromPem("no PEM here")).isInstanceOf(CryptoException.class);
    }

    @Test
    void wrapsAndUnwrapsConcurrently() throws Exception {
        int tasks = 64;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<byte[]> secrets = new ArrayList<>();
            List<Future<byte[]>> unwrapped = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                byte[] secret = AesGcm.newKey();
                secrets.add(secret);
                unwrapped.add(pool.submit(() -> key.unwrap(key.publicKey().wrap(secret))));
            }
            for (int i = 0; i < tasks; i++) {
                assertThat(unwrapped.get(i).get()).isEqualTo(secrets.get(i));
            }
        }
    }

    private static RSAKeyParameters bcPublicKey(String pem) throws IOException {
        String body = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
        return (RSAKeyParameters) PublicKeyFactory.createKey(Base64.getDecoder().decode(body));
    }
}
