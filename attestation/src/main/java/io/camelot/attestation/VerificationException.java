package io.camelot.attestation;

/** Aborts a verification with its reason; verifiers turn it into a failed {@link Verdict}. */
final class VerificationException extends RuntimeException {
    private final FailureReason reason;

    VerificationException(FailureReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    VerificationException(FailureReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    FailureReason reason() {
        return reason;
    }
}
