package io.camelot.attestation;

/**
 * The trusted execution environment a worker runs in. Workers generate their keys inside it (in
 * this process), keep them at rest only {@link #seal sealed} to it, and publish {@link #attest
 * evidence} whose REPORT_DATA commits to the verification key ({@link ReportDataBinding}).
 */
public interface Tee {

  TeeKind kind();

  /** Encrypts data so only this TEE (same measurement, same platform) can {@link #unseal} it. */
  byte[] seal(byte[] plaintext);

  /** @throws io.camelot.protocol.crypto.CryptoException if {@code sealed} was not sealed here */
  byte[] unseal(byte[] sealed);

  /**
   * Evidence of this TEE's identity carrying {@code reportData} (64 bytes), in the form a worker
   * record publishes it.
   */
  TeeEvidence attest(byte[] reportData);
}
