package io.camelot.sdk;

import io.camelot.protocol.model.WorkOrderResult;

/** What WorkOrderSubmit and WorkOrderGetResult answer when the work order has not failed. */
public sealed interface SubmitReply {

    /** Accepted but not finished (Avalon's error code 5); poll WorkOrderGetResult. */
    record Pending(String message) implements SubmitReply {}

    /** Finished: the signed result, not yet verified. */
    record Completed(WorkOrderResult result) implements SubmitReply {}
}
