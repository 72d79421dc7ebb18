package io.camelot.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.jsonrpc.JsonRpcError;

/** A parsed JSON-RPC reply: either {@code result} (possibly JSON null) or {@code error}. */
record RpcReply(JsonNode result, JsonRpcError error) {
    boolean isError() {
        return error != null;
    }
}
