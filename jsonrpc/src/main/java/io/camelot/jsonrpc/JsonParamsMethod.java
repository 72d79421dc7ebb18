package io.camelot.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A method that reads its params object itself (the pool-internal APIs, whose params are nested).
 */
public interface JsonParamsMethod extends RpcMethod<JsonNode> {
    @Override
    default JsonNode params(JsonNode params) {
        return params;
    }
}
