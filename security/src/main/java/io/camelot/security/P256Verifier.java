package io.camelot.security;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
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
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies the {@value SignedRequests#ALGORITHM} signatures of signed requests with Bouncy Castle's
 * P-256 arithmetic, which checks one in about a fifth of the CPU time the JDK's provider takes
 * (BENCHMARKS.md, "The pool's CPU per work order"): every pool-internal call and operator request
 * is checked once. The same ECDSA over SHA-256 on the same keys, and as strict: the signature must be
 * canonical DER of two integers in [1, n-1], and the public key a point of P-256.
 */
final class P256Verifier {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private P256Verifier() {}

    /**
     * The key in Bouncy Castle's form.
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
            byte[] canonical = new DERSequence(new ASN1Integer[] {r, s}).getEncoded(ASN1Encoding.DER);
            return Arrays.equals(canonical, der) ? new BigInteger[] {r.getValue(), s.getValue()} : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
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
