package io.camelot.attestation;

/**
 * The trusted execution environment a worker runs in. Workers generate their keys inside it (in
 * this process), keep them at rest only {@link #seal sealed} to it, and publish {@link #attest
 * evidence} whose REPORT_DATA commits to the verification key ({@link ReportDataBinding}).
 */
public interface Tee {

    TeeKind kind();

    /**
     * Encrypts data so only this TEE (same measurement, same platform) can {@link #unseal} it. The
     * {@code kind} (e.g. {@code "worker-keys"}) is the AES-GCM associated data, so a blob sealed as
     * one kind does not open as another.
     */
    byte[] seal(String kind, byte[] plaintext);

    /**
     * @throws io.camelot.protocol.crypto.CryptoException if {@code sealed} was not sealed here as
     *     {@code kind}
     */
    byte[] unseal(String kind, byte[] sealed);

    /**
     * Opens a blob sealed before kinds existed (no associated data). Only {@link SealedFile} calls
     * it, to re-seal such a blob with its kind once.
     */
    byte[] unsealUnbound(byte[] sealed);

    /**
     * Evidence of this TEE's identity carrying {@code reportData} (64 bytes), in the form a worker
     * record publishes it.
     */
    TeeEvidence attest(byte[] reportData);
}
