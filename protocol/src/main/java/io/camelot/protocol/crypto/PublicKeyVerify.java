package io.camelot.protocol.crypto;

/** Verifies DER-encoded ECDSA signatures over a 32-byte digest; high-S signatures are accepted. */
public interface PublicKeyVerify {
    /** False for a wrong or malformed signature; never throws for bad signature bytes. */
    boolean verifyDigest(byte[] digest, byte[] derSignature);

    /** SubjectPublicKeyInfo PEM with the named-curve OID, 64-column lines, trailing newline. */
    String pem();
}
