package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

class Secp256k1Test {
    private static final X9ECParameters CURVE = SECNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();

    // Avalon reference vectors (section 6.11): d = SHA256("avalon-test-worker-signing-key"),
    // python-ecdsa to_pem().
    private static final BigInteger VECTOR_D =
            new BigInteger("6664e284f1df11af541a803214cde9fe8377c2d7d6c49cbced97f03a47b6142e", 16);
    private static final String VECTOR_PEM = "-----BEGIN PUBLIC KEY-----\n"
            + "MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEq8sD6k+HZis3i61ev9HZ01aCovn13+Aa1UsZ77HagXpu\n"
            + "vfaZEf8cIpiDJuOsCwJfiiauOT2HC9fDv5AYc0T0UA==\n"
            + "-----END PUBLIC KEY-----\n";
    private static final byte[] VECTOR_DIGEST =
            HexFormat.of().parseHex("4470A4F1762DCC994CB7770EF29027B95D26F41B48C2AFA48488BAAD4C9E98E7");
    private static final byte[] VECTOR_SIGNATURE = Base64.getDecoder()
            .decode("MEUCIQDIHmB7jOYqaaj319QyhKwF84V5WMBWT5jSHSjmDpCOrwIgYYpfJgxk/9aj/XJsOkknVE7nKE/XRqSiJ/LdZU+McEg=");

    private static final Gen<BigInteger> SCALARS = ByteGens.bytes(32)
            .map(bytes ->
                    new BigInteger(1, bytes).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));

    @Test
    void verifiesTheAvalonWorkerSignatureWithThePythonEcdsaPem() {
        assertThat(Secp256k1.verifierFromPem(VECTOR_PEM).verifyDigest(VECTOR_DIGEST, VECTOR_SIGNATURE))
                .isTrue();
    }

    @Test
    void derivesTheAvalonVerificationKeyFromItsPrivateScalar() {
        String pem = Secp256k1.fromPrivateScalar(VECTOR_D).verifier().pem();

        assertThat(pemBody(pem)).isEqualTo(pemBody(VECTOR_PEM));
        assertIsOpenSslStylePem(pem);
    }

    @Test
    void signaturesVerifyAreLowSAndBindTheirDigest() {
        qt().withExamples(200)
                .forAll(SCALARS, ByteGens.bytes(32), ByteGens.bytes(32))
                .assuming((d, digest, otherDigest) -> !Arrays.equals(digest, otherDigest))
                .checkAssert((d, digest, otherDigest) -> {
                    PublicKeySign signer = Secp256k1.fromPrivateScalar(d);
                    byte[] signature = signer.signDigest(digest);

                    assertThat(signer.verifier().verifyDigest(digest, signature))
                            .isTrue();
                    assertThat(s(signature)).isLessThanOrEqualTo(N.shiftRight(1));
                    assertThat(signer.verifier().verifyDigest(otherDigest, signature))
                            .isFalse();
                });
    }

    @Test
    void signsTheDigestItselfNotAHashOfIt() throws IOException {
        PublicKeySign signer = Secp256k1.fromPrivateScalar(VECTOR_D);
        byte[] signature = signer.signDigest(VECTOR_DIGEST);
        ECDSASigner rawEcdsa = new ECDSASigner();
        rawEcdsa.init(false, PublicKeyFactory.createKey(pemDer(VECTOR_PEM)));

        assertThat(rawEcdsa.verifySignature(VECTOR_DIGEST, r(signature), s(signature)))
                .isTrue();
        assertThat(signature)
                .as("RFC 6979 nonces make signing deterministic")
                .isEqualTo(signer.signDigest(VECTOR_DIGEST));
    }

    @Test
    void acceptsTheHighSTwinOfAValidSignature() {
        qt().withExamples(50).forAll(SCALARS, ByteGens.bytes(32)).checkAssert((d, digest) -> {
            PublicKeySign signer = Secp256k1.fromPrivateScalar(d);
            byte[] lowS = signer.signDigest(digest);
            byte[] highS = der(r(lowS), N.subtract(s(lowS)));

            assertThat(s(highS)).isGreaterThan(N.shiftRight(1));
            assertThat(signer.verifier().verifyDigest(digest, highS)).isTrue();
        });
    }

    @Test
    void readsCompressedPointPemAsTheSameKey() throws IOException {
        PublicKeySign signer = Secp256k1.fromPrivateScalar(VECTOR_D);
        ECPublicKeyParameters publicKey = (ECPublicKeyParameters)
                PublicKeyFactory.createKey(pemDer(signer.verifier().pem()));
        String compressedPem = spkiPem(namedSecp256k1(), publicKey.getQ().getEncoded(true));
        byte[] signature = signer.signDigest(VECTOR_DIGEST);

        PublicKeyVerify verifier = Secp256k1.verifierFromPem(compressedPem);

        assertThat(pemDer(compressedPem)).hasSize(56);
        assertThat(verifier.verifyDigest(VECTOR_DIGEST, signature)).isTrue();
        assertThat(verifier.verifyDigest(VECTOR_DIGEST, VECTOR_SIGNATURE)).isTrue();
        assertThat(verifier.pem())
                .as("republished uncompressed")
                .isEqualTo(signer.verifier().pem());
    }

    @Test
    void readsAnyWrappingOfTheSameKeyIdentically() {
        String body = pemBody(VECTOR_PEM);
        String openSsl64 = "-----BEGIN PUBLIC KEY-----\n"
                + body.substring(0, 64)
                + "\n"
                + body.substring(64)
                + "\n-----END PUBLIC KEY-----\n";
        String crlfWithoutFinalNewline = VECTOR_PEM.replace("\n", "\r\n").stripTrailing();
        byte[] freshSignature = Secp256k1.fromPrivateScalar(VECTOR_D).signDigest(VECTOR_DIGEST);
        byte[] otherDigest = VECTOR_DIGEST.clone();
        otherDigest[0] ^= 1;

        for (String pem : List.of(VECTOR_PEM, openSsl64, crlfWithoutFinalNewline)) {
            PublicKeyVerify verifier = Secp256k1.verifierFromPem(pem);

            assertThat(verifier.pem())
                    .isEqualTo(Secp256k1.fromPrivateScalar(VECTOR_D).verifier().pem());
            assertThat(verifier.verifyDigest(VECTOR_DIGEST, VECTOR_SIGNATURE)).isTrue();
            assertThat(verifier.verifyDigest(VECTOR_DIGEST, freshSignature)).isTrue();
            assertThat(verifier.verifyDigest(otherDigest, VECTOR_SIGNATURE)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", // empty
                "3006020100020101", // r = 0
                "3006020101020100", // s = 0
                "3006020101020101", // well-formed but wrong
            })
    void returnsFalseForBadSignatures(String hex) {
        PublicKeyVerify verifier = Secp256k1.verifierFromPem(VECTOR_PEM);

        assertThat(verifier.verifyDigest(VECTOR_DIGEST, HexFormat.of().parseHex(hex)))
                .isFalse();
    }

    @Test
    void returnsFalseForSignaturesWithScalarsOutOfRange() {
        PublicKeyVerify verifier = Secp256k1.verifierFromPem(VECTOR_PEM);
        BigInteger r = r(VECTOR_SIGNATURE);
        BigInteger s = s(VECTOR_SIGNATURE);

        assertThat(verifier.verifyDigest(VECTOR_DIGEST, der(r.add(N), s))).isFalse();
        assertThat(verifier.verifyDigest(VECTOR_DIGEST, der(r, s.add(N)))).isFalse();
        assertThat(verifier.verifyDigest(VECTOR_DIGEST, der(N, s))).isFalse();
    }

    @Test
    void returnsFalseForAValidSignatureWithATrailingByte() {
        byte[] withTrailingByte = Arrays.copyOf(VECTOR_SIGNATURE, VECTOR_SIGNATURE.length + 1);

        assertThat(Secp256k1.verifierFromPem(VECTOR_PEM).verifyDigest(VECTOR_DIGEST, withTrailingByte))
                .isFalse();
    }

    @Test
    void returnsFalseForRandomBytes() {
        PublicKeyVerify verifier = Secp256k1.verifierFromPem(VECTOR_PEM);
        qt().forAll(ByteGens.bytes(0, 100))
                .checkAssert(garbage -> assertThat(verifier.verifyDigest(VECTOR_DIGEST, garbage))
                        .isFalse());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 20, 31, 33, 64})
    void rejectsDigestsOtherThan32Bytes(int length) {
        PublicKeySign signer = Secp256k1.fromPrivateScalar(VECTOR_D);

        assertThatThrownBy(() -> signer.signDigest(new byte[length])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.verifier().verifyDigest(new byte[length], VECTOR_SIGNATURE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAP256PemNamingTheCurve() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String p256Pem =
                Pem.encode("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded());

        assertThatThrownBy(() -> Secp256k1.verifierFromPem(p256Pem))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("1.2.840.10045.3.1.7")
                .hasMessageContaining("expected secp256k1");
    }

    @Test
    void rejectsNonEcKeysAndExplicitCurveParameters() throws GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaPem =
                Pem.encode("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded());
        byte[] point = CURVE.getG().getEncoded(false);
        String explicitParametersPem =
                spkiPem(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(CURVE)), point);

        assertThatThrownBy(() -> Secp256k1.verifierFromPem(rsaPem))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("expected id-ecPublicKey");
        assertThatThrownBy(() -> Secp256k1.verifierFromPem(explicitParametersPem))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("does not name its curve");
    }

    @Test
    void rejectsPointsOffTheCurve() {
        byte[] point = CURVE.getG().getEncoded(false);
        point[point.length - 1] ^= 1;

        assertThatThrownBy(() -> Secp256k1.verifierFromPem(spkiPem(namedSecp256k1(), point)))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("public point");
    }

    @Test
    void reportsMalformedPublicKeysOnlyAsCryptoException() {
        byte[] spki = pemDer(VECTOR_PEM);
        qt().forAll(ByteGens.bytes(0, 120))
                .checkAssert(garbage -> assertThatThrownBy(
                                () -> Secp256k1.verifierFromPem(Pem.encode("PUBLIC KEY", garbage)))
                        .isInstanceOf(CryptoException.class));
        qt().forAll(integers().between(0, spki.length - 1), integers().between(1, 255))
                .checkAssert((position, flipMask) -> {
                    byte[] mutated = spki.clone();
                    mutated[position] ^= flipMask.byteValue();

                    Throwable thrown =
                            catchThrowable(() -> Secp256k1.verifierFromPem(Pem.encode("PUBLIC KEY", mutated)));

                    assertThat(thrown)
                            .satisfiesAnyOf(
                                    t -> assertThat(t).isNull(),
                                    t -> assertThat(t).isInstanceOf(CryptoException.class));
                });
    }

    @Test
    void pkcs8RoundTripsWithTheNamedCurve() throws GeneralSecurityException {
        qt().withExamples(20).forAll(SCALARS).checkAssert(d -> {
            PublicKeySign signer = Secp256k1.fromPrivateScalar(d);
            byte[] pkcs8 = signer.toPkcs8();
            PublicKeySign restored = Secp256k1.fromPkcs8(pkcs8);

            assertThat(PrivateKeyInfo.getInstance(pkcs8)
                            .getPrivateKeyAlgorithm()
                            .getParameters())
                    .isEqualTo(SECObjectIdentifiers.secp256k1);
            assertThat(restored.verifier().pem()).isEqualTo(signer.verifier().pem());
            assertThat(signer.verifier().verifyDigest(VECTOR_DIGEST, restored.signDigest(VECTOR_DIGEST)))
                    .isTrue();
        });
        ECPrivateKey viaJca = (ECPrivateKey) KeyFactory.getInstance("EC", new BouncyCastleProvider())
                .generatePrivate(new PKCS8EncodedKeySpec(
                        Secp256k1.fromPrivateScalar(VECTOR_D).toPkcs8()));
        assertThat(viaJca.getS())
                .as("an independent PKCS#8 reader sees the same scalar")
                .isEqualTo(VECTOR_D);
    }

    @Test
    void readsPkcs8AndMatchesThePublicKeyOfAnotherImplementation() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair pair = generator.generateKeyPair();

        PublicKeySign signer = Secp256k1.fromPkcs8(pair.getPrivate().getEncoded());

        assertThat(pemDer(signer.verifier().pem())).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void rejectsMalformedOrForeignPrivateKeys() throws GeneralSecurityException {
        KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
        p256.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] p256Pkcs8 = p256.generateKeyPair().getPrivate().getEncoded();

        assertThatThrownBy(() -> Secp256k1.fromPkcs8(p256Pkcs8))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("expected secp256k1");
        assertThatThrownBy(() -> Secp256k1.fromPkcs8(new byte[] {0x30, 0x00})).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Secp256k1.fromPkcs8(new byte[0])).isInstanceOf(CryptoException.class);
    }

    @Test
    void rejectsPrivateScalarsOutsideOneToNMinusOne() {
        for (BigInteger d : List.of(BigInteger.ZERO, BigInteger.ONE.negate(), N, N.add(BigInteger.ONE))) {
            assertThatThrownBy(() -> Secp256k1.fromPrivateScalar(d))
                    .isInstanceOf(CryptoException.class)
                    .hasMessageContaining("[1, n-1]");
        }
    }

    @Test
    void generatesDistinctWorkingKeys() {
        PublicKeySign first = Secp256k1.generate();
        PublicKeySign second = Secp256k1.generate();
        byte[] signature = first.signDigest(VECTOR_DIGEST);

        assertThat(first.verifier().pem()).isNotEqualTo(second.verifier().pem());
        assertIsOpenSslStylePem(first.verifier().pem());
        assertThat(first.verifier().verifyDigest(VECTOR_DIGEST, signature)).isTrue();
        assertThat(second.verifier().verifyDigest(VECTOR_DIGEST, signature)).isFalse();
    }

    @Test
    void signsAndVerifiesConcurrently() throws Exception {
        PublicKeySign signer = Secp256k1.generate();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                byte[] digest = sha256("message " + i);
                results.add(pool.submit(() -> signer.verifier().verifyDigest(digest, signer.signDigest(digest))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    private static void assertIsOpenSslStylePem(String pem) {
        List<String> lines = pem.lines().toList();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).hasSize(64);
        assertThat(lines.get(2)).hasSizeLessThanOrEqualTo(64);
    }

    private static String pemBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----|\\s", "");
    }

    private static byte[] pemDer(String pem) {
        return Base64.getDecoder().decode(pemBody(pem));
    }

    private static AlgorithmIdentifier namedSecp256k1() {
        return new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1);
    }

    private static String spkiPem(AlgorithmIdentifier algorithm, byte[] point) {
        try {
            return Pem.encode("PUBLIC KEY", new SubjectPublicKeyInfo(algorithm, point).getEncoded());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static BigInteger r(byte[] signature) {
        return ASN1Integer.getInstance(ASN1Sequence.getInstance(signature).getObjectAt(0))
                .getValue();
    }

    private static BigInteger s(byte[] signature) {
        return ASN1Integer.getInstance(ASN1Sequence.getInstance(signature).getObjectAt(1))
                .getValue();
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] sha256(String text) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
