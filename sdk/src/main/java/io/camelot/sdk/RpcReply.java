package io.camelot.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.jsonrpc.JsonRpcError;

/** A parsed JSON-RPC reply: exactly one of {@code result} (possibly JSON null) and {@code error}. */
record RpcReply(JsonNode result, JsonRpcError error) {
  boolean isError() {
    return error != null;
  }
}
