package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One stored receipt update plus the receipt's total number of updates. */
@JsonPropertyOrder({
    "workOrderId",
    "updaterId",
    "updateType",
    "updateData",
    "updateSignature",
    "signatureRules",
    "receiptVerificationKey",
    "updateCount"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptUpdateRetrieveResult(
        String workOrderId,
        String updaterId,
        Long updateType,
        String updateData,
        String updateSignature,
        String signatureRules,
        String receiptVerificationKey,
        int updateCount) {

    public static ReceiptUpdateRetrieveResult of(ReceiptUpdateParams update, int updateCount) {
        return new ReceiptUpdateRetrieveResult(
                update.workOrderId(),
                update.updaterId(),
                update.updateType(),
                update.updateData(),
                update.updateSignature(),
                update.signatureRules(),
                update.receiptVerificationKey(),
                updateCount);
    }
}
