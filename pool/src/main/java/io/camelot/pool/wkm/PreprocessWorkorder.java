package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import java.util.Map;

/** PreprocessWorkorder: the keys of one work order, wrapped to the calling WP's attested key. */
final class PreprocessWorkorder implements JsonParamsMethod {
    private final KeyManager keyManager;

    PreprocessWorkorder(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.PREPROCESS_WORKORDER;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        WorkOrderSubmitParams request = Params.workOrderSubmit(call.params().get("request"));
        try (var span = WorkOrderTrace.open(request.workOrderId(), "camelot.wkm.preprocess")) {
            return RpcOutcome.result(Map.of(
                    "keys", keyManager.preprocess(request, InternalParams.attestation(call.params(), "attestation"))));
        }
    }
}
