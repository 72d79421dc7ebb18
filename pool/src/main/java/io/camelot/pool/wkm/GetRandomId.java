package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;

/** GetRandomId: a fresh single-use id the caller must put in its attestation info. */
final class GetRandomId implements JsonParamsMethod {
    private final KeyManager keyManager;

    GetRandomId(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.GET_RANDOM_ID;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(Map.of("randomId", keyManager.randomId()));
    }
}
