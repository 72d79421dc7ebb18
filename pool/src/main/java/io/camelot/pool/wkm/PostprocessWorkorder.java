package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;

/** PostprocessWorkorder: checks a WP's response and re-signs it with the pool key. */
final class PostprocessWorkorder implements JsonParamsMethod {
    private final KeyManager keyManager;

    PostprocessWorkorder(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.POSTPROCESS_WORKORDER;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        WorkOrderSubmitParams request = Params.workOrderSubmit(call.params().get("request"));
        WorkOrderResult response = ProtocolJson.bind(call.params().get("response"), WorkOrderResult.class);
        try (var span = WorkOrderTrace.open(request.workOrderId(), "camelot.wkm.postprocess")) {
            return RpcOutcome.result(keyManager.postprocess(request, response));
        }
    }
}
