package io.camelot.attestation;

import io.camelot.protocol.hash.Sha256;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * REPORT_DATA as Avalon's singleton enclave builds it: SHA-256 of the worker's verification key
 * PEM, then 32 bytes the TEE kind may use (zeros here). Only the first half binds the key.
 */
public final class ReportDataBinding {
    public static final int LENGTH = 64;

    private ReportDataBinding() {}

    public static byte[] of(String verificationKeyPem) {
        return Arrays.copyOf(Sha256.digest(verificationKeyPem), LENGTH);
    }

    /** Checks the binding, recording the outcome; throws KEY_BINDING_MISMATCH if it does not hold. */
    static void check(Findings findings, byte[] reportData, String verificationKeyPem) {
        if (verificationKeyPem == null) {
            return;
        }
        byte[] expected = Sha256.digest(verificationKeyPem);
        if (!MessageDigest.isEqual(Arrays.copyOf(reportData, expected.length), expected)) {
            findings.keyBinding = Verdict.KeyBinding.MISMATCH;
            throw new VerificationException(
                    FailureReason.KEY_BINDING_MISMATCH,
                    "REPORT_DATA[0..32] is not SHA-256 of the worker's verification key PEM");
        }
        findings.keyBinding = Verdict.KeyBinding.BOUND;
    }
}
