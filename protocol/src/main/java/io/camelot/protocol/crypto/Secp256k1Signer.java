package io.camelot.protocol.crypto;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * Deterministic (RFC 6979, HMAC-SHA-256) ECDSA signer emitting low-S DER signatures, as Avalon's
 * C++ enclave does. Immutable; each call uses its own {@link ECDSASigner}.
 */
final class Secp256k1Signer implements PublicKeySign {
    private static final BigInteger HALF_ORDER = Secp256k1.DOMAIN.getN().shiftRight(1);

    private final ECPrivateKeyParameters privateKey;
    private final Secp256k1Verifier verifier;

    Secp256k1Signer(ECPrivateKeyParameters privateKey, Secp256k1Verifier verifier) {
        this.privateKey = privateKey;
        this.verifier = verifier;
    }

    @Override
    public byte[] signDigest(byte[] digest) {
        Secp256k1.requireDigestLength(digest);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, privateKey);
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger s = rs[1].compareTo(HALF_ORDER) > 0 ? Secp256k1.DOMAIN.getN().subtract(rs[1]) : rs[1];
        return new EcdsaSignature(rs[0], s).toDer();
    }

    @Override
    public PublicKeyVerify verifier() {
        return verifier;
    }

    @Override
    public byte[] toPkcs8() {
        DERBitString publicPoint = new DERBitString(verifier.publicKey().getQ().getEncoded(false));
        ECPrivateKey ecPrivateKey =
                new ECPrivateKey(Secp256k1.DOMAIN.getN().bitLength(), privateKey.getD(), publicPoint, null);
        try {
            return Secp256k1.der(new PrivateKeyInfo(Secp256k1.KEY_ALGORITHM, ecPrivateKey));
        } catch (IOException e) {
            throw new CryptoException("PKCS#8 encoding failed", e);
        }
    }
}
