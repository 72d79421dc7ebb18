package io.camelot.protocol.hash;

import io.camelot.protocol.model.ReceiptCreateParams;

/**
 * The digests that EEA signatures other than the work order's are made over. Each hashes the exact
 * text it names; PEM strings in particular are hashed byte for byte as served.
 */
public final class SignedDigests {
  private SignedDigests() {}

  /** encryptionKeySignature signs {@code SHA256(encryptionKey PEM)}. */
  public static byte[] encryptionKey(String encryptionKeyPem) {
    return Sha256.digest(encryptionKeyPem);
  }

  /** A pool's extVerificationKeySignature signs {@code SHA256(extVerificationKey + requesterNonce)}. */
  public static byte[] extVerificationKey(String extVerificationKeyPem, String requesterNonce) {
    return Sha256.digest(extVerificationKeyPem + requesterNonce);
  }

  /**
   * A receipt's requesterSignature signs {@code SHA256(workOrderId + workerServiceId + workerId +
   * requesterId + receiptCreateStatus + workOrderRequestHash + requesterGeneratedNonce)}.
   */
  public static byte[] receiptCreate(ReceiptCreateParams p) {
    return Sha256.digest(
        text(p.workOrderId())
            + text(p.workerServiceId())
            + text(p.workerId())
            + text(p.requesterId())
            + (p.receiptCreateStatus() == null ? "" : p.receiptCreateStatus().toString())
            + text(p.workOrderRequestHash())
            + text(p.requesterGeneratedNonce()));
  }

  /** A receipt update's updateSignature signs {@code SHA256(workOrderId + updateType + updateData)}. */
  public static byte[] receiptUpdate(String workOrderId, long updateType, String updateData) {
    return Sha256.digest(text(workOrderId) + updateType + text(updateData));
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
