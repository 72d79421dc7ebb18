package io.camelot.protocol.internal.hash;

import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;

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

    /**
     * What a pool's extVerificationKeySignature signs: in Avalon's form {@code
     * SHA256(extVerificationKey + requesterNonce)}; in the hardened form the key bound to the whole
     * request by its hash (docs/envelope.md §6).
     */
    public static byte[] extVerificationKey(
            EnvelopeVersion version, String extVerificationKeyPem, WorkOrderSubmitParams request) {
        return switch (version) {
            case AVALON_1 -> Sha256.digest(extVerificationKeyPem + text(request.requesterNonce()));
            case CAMELOT_2 ->
                new Canonical()
                        .text("camelot-2/ext-key")
                        .text(extVerificationKeyPem)
                        .bytes(WorkOrderHashes.requestHash(request))
                        .sha256();
        };
    }

    /**
     * A receipt's requesterSignature signs {@code SHA256(workOrderId + workerServiceId + workerId +
     * requesterId + receiptCreateStatus + workOrderRequestHash + requesterGeneratedNonce)}.
     */
    public static byte[] receiptCreate(ReceiptCreateParams p) {
        return Sha256.digest(text(p.workOrderId())
                + text(p.workerServiceId())
                + text(p.workerId())
                + text(p.requesterId())
                + (p.receiptCreateStatus() == null
                        ? ""
                        : p.receiptCreateStatus().toString())
                + text(p.workOrderRequestHash())
                + text(p.requesterGeneratedNonce()));
    }

    /**
     * A receipt update's updateSignature signs {@code SHA256(workOrderId + updateType + updateData)}.
     */
    public static byte[] receiptUpdate(String workOrderId, long updateType, String updateData) {
        return Sha256.digest(text(workOrderId) + updateType + text(updateData));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
