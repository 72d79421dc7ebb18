package io.camelot.attestation;

/**
 * The kinds of evidence Camelot understands, with the {@code proofDataType} each is published as.
 */
public enum TeeKind {
    /** No hardware: a quote signed by a local key. Proves nothing about isolation. */
    SIMULATED("TEE-SIMULATED"),
    /** SGX EPID quote, appraised by Intel Attestation Service (an IAS verification report). */
    SGX_EPID("TEE-SGX-EPID"),
    /** SGX ECDSA quote (DCAP), verified against Intel PCS collateral. */
    SGX_DCAP("TEE-SGX-DCAP"),
    /** TDX ECDSA quote (DCAP). */
    TDX_DCAP("TEE-TDX-DCAP");

    private final String proofDataType;

    TeeKind(String proofDataType) {
        this.proofDataType = proofDataType;
    }

    public String proofDataType() {
        return proofDataType;
    }

    /** The kind published as {@code proofDataType}, or null if none is. */
    public static TeeKind ofProofDataType(String proofDataType) {
        for (TeeKind kind : values()) {
            if (kind.proofDataType.equals(proofDataType)) {
                return kind;
            }
        }
        return null;
    }
}
