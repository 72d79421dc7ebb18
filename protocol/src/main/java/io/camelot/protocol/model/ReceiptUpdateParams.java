package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A receipt update, as WorkOrderReceiptUpdate sends it and as it is stored. {@code updateData} of a
 * PROCESSED, FAILED or COMPLETED update is the upper-hex SHA-256 of the stored response. A stored
 * update's {@code receiptVerificationKey} is the PEM of the key its signature verified under (the
 * worker's or the receipt creator's), so anyone can check it; a sender may leave it out.
 */
@JsonPropertyOrder({
    "workOrderId",
    "updaterId",
    "updateType",
    "updateData",
    "updateSignature",
    "signatureRules",
    "receiptVerificationKey"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptUpdateParams(
        String workOrderId,
        String updaterId,
        Long updateType,
        String updateData,
        String updateSignature,
        String signatureRules,
        String receiptVerificationKey) {}
