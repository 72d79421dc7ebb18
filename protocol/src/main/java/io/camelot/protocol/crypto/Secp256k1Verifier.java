package io.camelot.protocol.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies DER ECDSA signatures over a 32-byte digest; accepts high S like python-ecdsa. Immutable.
 */
final class Secp256k1Verifier implements PublicKeyVerify {
    private final ECPublicKeyParameters publicKey;
    private final String pem;

    Secp256k1Verifier(ECPublicKeyParameters publicKey) {
        this.publicKey = publicKey;
        this.pem = Secp256k1.publicKeyPem(publicKey);
    }

    @Override
    public boolean verifyDigest(byte[] digest, byte[] derSignature) {
        Secp256k1.requireDigestLength(digest);
        // ECDSASigner repeats the range check; doing it here keeps the contract off its internals.
        return EcdsaSignature.fromDer(derSignature)
                .filter(signature -> inScalarRange(signature.r()) && inScalarRange(signature.s()))
                .map(signature -> verify(digest, signature))
                .orElse(false);
    }

    @Override
    public String pem() {
        return pem;
    }

    ECPublicKeyParameters publicKey() {
        return publicKey;
    }

    private boolean verify(byte[] digest, EcdsaSignature signature) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, publicKey);
        return signer.verifySignature(digest, signature.r(), signature.s());
    }

    private static boolean inScalarRange(BigInteger value) {
        return value.signum() > 0 && value.compareTo(Secp256k1.DOMAIN.getN()) < 0;
    }
}
