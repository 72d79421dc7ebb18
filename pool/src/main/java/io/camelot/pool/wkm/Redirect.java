package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Redirect on a WKM answers with the WKM itself, so a WP can be pointed at a WKM directly as well
 * as at a Worker Manager.
 */
final class Redirect implements JsonParamsMethod {
    private final Supplier<String> ownUrl;

    Redirect(Supplier<String> ownUrl) {
        this.ownUrl = ownUrl;
    }

    @Override
    public String name() {
        return PoolApi.REDIRECT;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(Map.of("uri", ownUrl.get()));
    }
}
