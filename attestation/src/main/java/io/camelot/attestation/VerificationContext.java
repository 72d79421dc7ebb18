package io.camelot.attestation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the verifier expects beyond the evidence itself.
 *
 * @param at the verification time: certificates, CRLs and collateral must be current then
 * @param verificationKeyPem the worker key REPORT_DATA must commit to; null skips the binding check
 * @param expectedNonce the IAS report nonce the verifier asked for; null skips the check
 * @param maxReportAge how old an IAS or simulated report may be at {@code at}; null for any age
 */
public record VerificationContext(Instant at, String verificationKeyPem, String expectedNonce, Duration maxReportAge) {

    public VerificationContext {
        Objects.requireNonNull(at, "at");
    }

    public static VerificationContext at(Instant at) {
        return new VerificationContext(at, null, null, null);
    }

    public VerificationContext boundTo(String verificationKeyPem) {
        return new VerificationContext(at, verificationKeyPem, expectedNonce, maxReportAge);
    }

    public VerificationContext withNonce(String nonce) {
        return new VerificationContext(at, verificationKeyPem, nonce, maxReportAge);
    }

    public VerificationContext withMaxReportAge(Duration maxAge) {
        return new VerificationContext(at, verificationKeyPem, expectedNonce, maxAge);
    }

    /** Rejects a report dated after {@code at} or older than the allowed age. */
    void checkFreshness(Instant reportTime) {
        if (reportTime.isAfter(at)) {
            throw new VerificationException(
                    FailureReason.REPORT_NOT_FRESH, "the report is dated " + reportTime + ", after " + at);
        }
        if (maxReportAge != null && reportTime.plus(maxReportAge).isBefore(at)) {
            throw new VerificationException(
                    FailureReason.REPORT_NOT_FRESH,
                    "the report is dated " + reportTime + ", more than " + maxReportAge + " before " + at);
        }
    }
}
