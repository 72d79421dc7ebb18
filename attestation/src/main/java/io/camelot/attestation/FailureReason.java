package io.camelot.attestation;

/** Why evidence was rejected: first the verification failures, then the policy refusals. */
public enum FailureReason {
    NO_EVIDENCE("the worker publishes no attestation evidence"),
    MALFORMED_EVIDENCE("the evidence cannot be parsed"),
    UNSUPPORTED_EVIDENCE("the evidence is of a kind or version this verifier does not support"),
    MISSING_COLLATERAL("collateral needed to verify the quote is missing"),
    SIMULATION_SIGNATURE_INVALID("the simulated quote's signature does not verify"),
    REPORT_SIGNATURE_INVALID("the IAS report signature does not verify with its signing certificate"),
    CERT_CHAIN_UNTRUSTED("a certificate does not chain to the pinned Intel root"),
    CERT_NOT_VALID_AT_TIME("a certificate is expired or not yet valid at the verification time"),
    CERT_REVOKED("a certificate is listed in its issuer's CRL"),
    CRL_INVALID("a CRL is not signed by its issuer or has the wrong issuer"),
    CRL_NOT_CURRENT("a CRL is not current at the verification time"),
    REPORT_NOT_FRESH("the report is older than the allowed age or dated in the future"),
    NONCE_MISMATCH("the report nonce is not the expected one"),
    QUOTE_SIGNATURE_INVALID("the quote is not signed by its attestation key"),
    QE_REPORT_SIGNATURE_INVALID("the QE report is not signed by the PCK key"),
    ATTESTATION_KEY_NOT_BOUND("the QE report data does not commit to the attestation key"),
    COLLATERAL_SIGNATURE_INVALID("TCB Info or QE Identity is not signed by the TCB Signing key"),
    COLLATERAL_NOT_CURRENT("TCB Info or QE Identity is not current at the verification time"),
    COLLATERAL_MISMATCH("the collateral is for another platform (FMSPC, PCE ID or TEE type)"),
    QE_IDENTITY_MISMATCH("the quoting enclave does not match the QE Identity"),
    TCB_NOT_SUPPORTED("no TCB level in the TCB Info matches the platform"),
    TCB_REVOKED("the platform's TCB level is revoked"),
    TDX_MODULE_MISMATCH("the TDX module does not match the TCB Info"),
    KEY_BINDING_MISMATCH("REPORT_DATA does not commit to the worker's verification key"),
    KIND_NOT_ALLOWED("policy: this TEE kind is not allowed"),
    SIMULATION_NOT_ALLOWED("policy: simulated workers are not allowed"),
    DEBUG_NOT_ALLOWED("policy: debug enclaves are not allowed"),
    TCB_STATUS_NOT_ALLOWED("policy: the TCB or quote status is not allowed"),
    ADVISORY_DENIED("policy: an advisory on the deny-list applies"),
    MEASUREMENT_NOT_ALLOWED("policy: a measurement is not on the allow-list");

    private final String description;

    FailureReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** True for policy refusals of evidence that itself verified. */
    public boolean isPolicy() {
        return ordinal() >= KIND_NOT_ALLOWED.ordinal();
    }
}
