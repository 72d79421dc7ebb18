package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.camelot.protocol.jsonrpc.JsonRpcError;

/**
 * A completed work order's outcome as the store keeps it: exactly one of a signed result or an
 * error object (whose {@code data} names the work order). WorkOrderGetResult returns either
 * unchanged, in a new JSON-RPC envelope.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkOrderResponse(WorkOrderResult result, JsonRpcError error) {

    public static WorkOrderResponse of(WorkOrderResult result) {
        return new WorkOrderResponse(result, null);
    }

    public static WorkOrderResponse of(JsonRpcError error) {
        return new WorkOrderResponse(null, error);
    }

    public boolean failed() {
        return error != null;
    }
}
