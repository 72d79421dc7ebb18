package io.camelot.protocol.model;

/** Params naming one work order: WorkOrderGetResult and WorkOrderReceiptRetrieve. */
public record WorkOrderIdParams(String workOrderId) {}
