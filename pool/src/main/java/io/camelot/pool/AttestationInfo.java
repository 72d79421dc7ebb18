package io.camelot.pool;

import io.camelot.attestation.Tee;
import io.camelot.attestation.TeeEvidence;
import io.camelot.protocol.Hex;
import io.camelot.protocol.hash.Sha256;
import java.util.Arrays;

/**
 * A TEE instance's attestation info as the Key Management API passes it: the random id the called
 * WKM issued (freshness), the instance's verification key and encryption key, and evidence whose
 * REPORT_DATA is {@code SHA-256(verificationKey + encryptionKey) || SHA-256(bound)}, where {@code
 * bound} is the random id, or for a key export the digest of the exported keys; in a key copy
 * between WKMs, {@code bound} also commits to the pool's signing key and policy ({@code
 * PoolKeyVault}).
 *
 * @param encryptionKey an X25519 public key PEM: what the WKM wraps secrets to for this instance
 */
public record AttestationInfo(
        String randomId, String verificationKey, String encryptionKey, String proofDataType, String proofData) {

    /** Asks {@code tee} for evidence over these keys and {@code bound}. */
    public static AttestationInfo create(
            Tee tee, String randomId, String verificationKey, String encryptionKey, byte[] bound) {
        TeeEvidence evidence = tee.attest(reportData(verificationKey, encryptionKey, bound));
        return new AttestationInfo(
                randomId, verificationKey, encryptionKey, evidence.proofDataType(), evidence.proofData());
    }

    public static byte[] reportData(String verificationKey, String encryptionKey, byte[] bound) {
        byte[] data = Arrays.copyOf(Sha256.digest(keyBinding(verificationKey, encryptionKey)), 64);
        System.arraycopy(Sha256.digest(bound), 0, data, 32, 32);
        return data;
    }

    /** What the first half of REPORT_DATA hashes; passed to the verifier as the "key" to bind. */
    public static String keyBinding(String verificationKey, String encryptionKey) {
        return verificationKey + encryptionKey;
    }

    /** Identifies this info (and so one admitted instance) by a digest of all its fields. */
    public String digest() {
        return Hex.upper(Sha256.digest(randomId + "\n" + verificationKey + "\n" + encryptionKey + "\n" + proofData));
    }
}
