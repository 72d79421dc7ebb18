package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** WorkOrderReceiptRetrieve result: the create params plus the status of the latest update. */
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
    "receiptVerificationKey",
    "receiptCurrentStatus"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptRetrieveResult(
        String workOrderId,
        String workerServiceId,
        String workerId,
        String requesterId,
        Long receiptCreateStatus,
        String workOrderRequestHash,
        String requesterGeneratedNonce,
        String requesterSignature,
        String signatureRules,
        String receiptVerificationKey,
        Long receiptCurrentStatus) {

    public static ReceiptRetrieveResult of(ReceiptCreateParams create, long currentStatus) {
        return new ReceiptRetrieveResult(
                create.workOrderId(),
                create.workerServiceId(),
                create.workerId(),
                create.requesterId(),
                create.receiptCreateStatus(),
                create.workOrderRequestHash(),
                create.requesterGeneratedNonce(),
                create.requesterSignature(),
                create.signatureRules(),
                create.receiptVerificationKey(),
                currentStatus);
    }
}
