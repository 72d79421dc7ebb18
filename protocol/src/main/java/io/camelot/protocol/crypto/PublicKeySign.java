package io.camelot.protocol.crypto;

/** Signs a 32-byte SHA-256 digest directly (the digest is not hashed again). */
public interface PublicKeySign {
    /** Returns a DER-encoded ECDSA signature with low S. */
    byte[] signDigest(byte[] digest);

    PublicKeyVerify verifier();

    /** PKCS#8 DER of the private key, for sealing at rest. */
    byte[] toPkcs8();
}
