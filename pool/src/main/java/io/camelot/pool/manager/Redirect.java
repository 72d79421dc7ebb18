package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;

/**
 * Redirect(workerId): the URI of a live WKM of the pool, for the Key Management API, or of this
 * Worker Manager's proxy of it when the WPs run on other hosts.
 */
final class Redirect implements JsonParamsMethod {
    private final WorkerManager manager;

    Redirect(WorkerManager manager) {
        this.manager = manager;
    }

    @Override
    public String name() {
        return PoolApi.REDIRECT;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(Map.of("uri", manager.redirectUri()));
    }
}
