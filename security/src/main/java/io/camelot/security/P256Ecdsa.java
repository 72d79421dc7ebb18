package io.camelot.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Signs and verifies the {@value SignedRequests#ALGORITHM} signatures of signed requests with Bouncy
 * Castle's P-256 arithmetic, which takes about 60 % of the JDK provider's CPU time to sign and under a quarter to
 * verify (BENCHMARKS.md, "The pool's CPU per work order"): every pool-internal call is signed
 * once and checked once. The same ECDSA over SHA-256 with a random nonce, on the same keys, and as
 * strict: a signature must be canonical DER of two integers in [1, n-1], and keys must be P-256.
 */
final class P256Ecdsa {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private static final SecureRandom RANDOM = new SecureRandom();

    private P256Ecdsa() {}

    /**
     * The private key in Bouncy Castle's form.
     *
     * @throws IllegalArgumentException if it is no P-256 private key
     */
    static ECPrivateKeyParameters privateKey(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec) || !isP256(ec.getParams())) {
            throw new IllegalArgumentException("request signing keys must be EC (P-256), not " + key.getAlgorithm());
        }
        return new ECPrivateKeyParameters(ec.getS(), DOMAIN);
    }

    /** The DER signature of {@code message}. */
    static byte[] sign(ECPrivateKeyParameters key, byte[] message) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(key, RANDOM));
        BigInteger[] rs = signer.generateSignature(SignedRequests.sha256(message));
        return encode(rs[0], rs[1]);
    }

    /**
     * The public key in Bouncy Castle's form.
     *
     * @throws IllegalArgumentException if it is no P-256 public key
     */
    static ECPublicKeyParameters publicKey(PublicKey key) {
        if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw new IllegalArgumentException("authorised keys must be EC (P-256), not " + key.getAlgorithm());
        }
        // Checks the point is on the curve and not at infinity.
        return new ECPublicKeyParameters(
                P256.getCurve().createPoint(ec.getW().getAffineX(), ec.getW().getAffineY()), DOMAIN);
    }

    /** Whether {@code der} is a signature of {@code message} by {@code key}. */
    static boolean verify(ECPublicKeyParameters key, byte[] message, byte[] der) {
        BigInteger[] rs = decode(der);
        if (rs == null) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        // Refuses r or s outside [1, n-1].
        return verifier.verifySignature(SignedRequests.sha256(message), rs[0], rs[1]);
    }

    /** r and s of a DER signature, or null unless it is exactly the canonical encoding of two integers. */
    private static BigInteger[] decode(byte[] der) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(der);
            if (sequence.size() != 2) {
                return null;
            }
            ASN1Integer r = ASN1Integer.getInstance(sequence.getObjectAt(0));
            ASN1Integer s = ASN1Integer.getInstance(sequence.getObjectAt(1));
            return Arrays.equals(encode(r.getValue(), s.getValue()), der)
                    ? new BigInteger[] {r.getValue(), s.getValue()}
                    : null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private static byte[] encode(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding in memory failed", e);
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getOrder().equals(P256.getN())
                && params.getCofactor() == P256.getH().intValue()
                && params.getCurve().getA().equals(P256.getCurve().getA().toBigInteger())
                && params.getCurve().getB().equals(P256.getCurve().getB().toBigInteger())
                && params.getGenerator()
                        .getAffineX()
                        .equals(P256.getG().getAffineXCoord().toBigInteger())
                && params.getGenerator()
                        .getAffineY()
                        .equals(P256.getG().getAffineYCoord().toBigInteger());
    }
}
