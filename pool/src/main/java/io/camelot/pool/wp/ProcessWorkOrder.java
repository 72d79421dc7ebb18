package io.camelot.pool.wp;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.trace.WorkOrderTrace;
import java.util.Map;

/**
 * ProcessWorkOrder {request: WorkOrderSubmit params}: the work order's outcome as {response: result
 * or error object}; an error of the call itself means this WP could not process it.
 */
final class ProcessWorkOrder implements JsonParamsMethod {
    private final WpRuntime runtime;

    ProcessWorkOrder(WpRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return PoolApi.PROCESS_WORK_ORDER;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        JsonNode request = call.params().get("request");
        if (request == null || !request.isObject()) {
            throw EeaException.invalidParameter("Invalid data format for request: expected WorkOrderSubmit params");
        }
        try (var span = WorkOrderTrace.open(request.path("workOrderId").asText(""), "camelot.wp.process")) {
            return RpcOutcome.result(Map.of("response", runtime.process(request)));
        }
    }
}
