package io.camelot.protocol.crypto;

import io.camelot.protocol.internal.crypto.SecureRandomHolder;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Factory for ECDSA over secp256k1 as Avalon uses it: the 32-byte SHA-256 digest is signed directly
 * (never hashed again), signatures are DER, keys travel as SubjectPublicKeyInfo PEM naming the
 * curve by OID 1.3.132.0.10. The JDK dropped secp256k1 from SunEC, so this uses BouncyCastle's
 * lightweight API.
 */
public final class Secp256k1 {
    public static final int DIGEST_BYTES = 32;

    static final ASN1ObjectIdentifier CURVE_OID = SECObjectIdentifiers.secp256k1;
    static final ECNamedDomainParameters DOMAIN =
            new ECNamedDomainParameters(CURVE_OID, CustomNamedCurves.getByOID(CURVE_OID));
    static final AlgorithmIdentifier KEY_ALGORITHM =
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, CURVE_OID);

    private static final String PEM_LABEL = "PUBLIC KEY";

    private Secp256k1() {}

    /** Generates a fresh key pair. */
    public static PublicKeySign generate() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(DOMAIN, SecureRandomHolder.RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new Secp256k1Signer(
                (ECPrivateKeyParameters) pair.getPrivate(),
                new Secp256k1Verifier((ECPublicKeyParameters) pair.getPublic()));
    }

    /**
     * Builds a key pair from its private scalar.
     *
     * @throws CryptoException if {@code d} is not in [1, n-1]
     */
    public static PublicKeySign fromPrivateScalar(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(DOMAIN.getN()) >= 0) {
            throw new CryptoException("secp256k1 private scalar must be in [1, n-1]");
        }
        ECPublicKeyParameters publicKey =
                new ECPublicKeyParameters(new FixedPointCombMultiplier().multiply(DOMAIN.getG(), d), DOMAIN);
        return new Secp256k1Signer(new ECPrivateKeyParameters(d, DOMAIN), new Secp256k1Verifier(publicKey));
    }

    /**
     * Reads a private key sealed with {@link PublicKeySign#toPkcs8()}, or any PKCS#8 EC key naming
     * secp256k1.
     *
     * @throws CryptoException if the DER is malformed or holds a key of another algorithm or curve
     */
    public static PublicKeySign fromPkcs8(byte[] der) {
        PrivateKeyInfo info = parse("PKCS#8 private key", () -> PrivateKeyInfo.getInstance(der));
        requireSecp256k1(info.getPrivateKeyAlgorithm());
        BigInteger d = parse(
                "PKCS#8 EC private key",
                () -> ECPrivateKey.getInstance(info.parsePrivateKey()).getKey());
        return fromPrivateScalar(d);
    }

    /**
     * Reads a SubjectPublicKeyInfo PEM as OpenSSL or python-ecdsa write it: any line width, CRLF or
     * LF, with or without a final newline, compressed or uncompressed point.
     *
     * @throws CryptoException if the PEM is malformed, not an EC key, or on a curve other than
     *     secp256k1
     */
    public static PublicKeyVerify verifierFromPem(String pem) {
        byte[] der = Pem.decode(pem, PEM_LABEL).der();
        SubjectPublicKeyInfo spki = parse("SubjectPublicKeyInfo", () -> SubjectPublicKeyInfo.getInstance(der));
        requireSecp256k1(spki.getAlgorithm());
        ECPublicKeyParameters publicKey = parse(
                "secp256k1 public point",
                () -> new ECPublicKeyParameters(
                        DOMAIN.getCurve().decodePoint(spki.getPublicKeyData().getOctets()), DOMAIN));
        return new Secp256k1Verifier(publicKey);
    }

    static void requireDigestLength(byte[] digest) {
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException(
                    "ECDSA operates on a " + DIGEST_BYTES + "-byte digest, got " + digest.length + " bytes");
        }
    }

    static String publicKeyPem(ECPublicKeyParameters publicKey) {
        return Pem.encode(
                PEM_LABEL,
                der(new SubjectPublicKeyInfo(KEY_ALGORITHM, publicKey.getQ().getEncoded(false))));
    }

    static byte[] der(ASN1Object object) {
        try {
            return object.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CryptoException("DER encoding failed", e);
        }
    }

    private static void requireSecp256k1(AlgorithmIdentifier algorithm) {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            throw new CryptoException(
                    "Key algorithm is " + algorithm.getAlgorithm() + ", expected id-ecPublicKey (1.2.840.10045.2.1)");
        }
        ASN1Encodable parameters = algorithm.getParameters();
        if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
            throw new CryptoException(
                    "EC key does not name its curve, expected the named curve secp256k1 (" + CURVE_OID + ")");
        }
        if (!CURVE_OID.equals(curve)) {
            String name = ECNamedCurveTable.getName(curve);
            String described = name == null ? curve.getId() : name + " (" + curve + ")";
            throw new CryptoException("EC key is on curve " + described + ", expected secp256k1 (" + CURVE_OID + ")");
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse() throws IOException;
    }

    // BouncyCastle reports malformed encodings through assorted unchecked exceptions as well as
    // IOException.
    private static <T> T parse(String what, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("Malformed " + what, e);
        }
    }
}
