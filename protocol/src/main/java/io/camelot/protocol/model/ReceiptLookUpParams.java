package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * WorkOrderReceiptLookUp / LookUpNext filters, all optional. The status filter is accepted under
 * both names in use: {@code receiptStatus} (schema) and {@code requestCreateStatus} (SDK), as a hex
 * string (as the schema says) or a number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptLookUpParams(
        String workerServiceId,
        String workerId,
        String requesterId,
        JsonNode receiptStatus,
        JsonNode requestCreateStatus,
        String lastLookUpTag) {}
