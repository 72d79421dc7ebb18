package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** WorkOrderReceiptCreate params; WorkOrderReceiptRetrieve returns them plus the current status. */
@JsonPropertyOrder({
    "workOrderId",
    "workerServiceId",
    "workerId",
    "requesterId",
    "receiptCreateStatus",
    "workOrderRequestHash",
    "requesterGeneratedNonce",
    "requesterSignature",
    "signatureRules",
    "receiptVerificationKey"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptCreateParams(
        String workOrderId,
        String workerServiceId,
        String workerId,
        String requesterId,
        Long receiptCreateStatus,
        String workOrderRequestHash,
        String requesterGeneratedNonce,
        String requesterSignature,
        String signatureRules,
        String receiptVerificationKey) {

    public static final String SIGNATURE_RULES = "SHA-256/SECP256K1";

    /** The same params carrying {@code signature}, made over them by the key in {@code pem}. */
    public ReceiptCreateParams signed(String signature, String pem) {
        return new ReceiptCreateParams(
                workOrderId,
                workerServiceId,
                workerId,
                requesterId,
                receiptCreateStatus,
                workOrderRequestHash,
                requesterGeneratedNonce,
                signature,
                signatureRules,
                pem);
    }
}
