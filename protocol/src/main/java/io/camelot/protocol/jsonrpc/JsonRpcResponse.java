package io.camelot.protocol.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A JSON-RPC 2.0 response: exactly one of {@code result} and {@code error} is present. {@code id}
 * is always written ({@code null} when the request's id could not be read).
 */
@JsonPropertyOrder({"jsonrpc", "id", "result", "error"})
public record JsonRpcResponse(
        String jsonrpc,
        @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode result,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonRpcError error) {

    public static JsonRpcResponse result(JsonNode id, JsonNode result) {
        return new JsonRpcResponse(JsonRpcRequest.VERSION, orNull(id), result, null);
    }

    public static JsonRpcResponse error(JsonNode id, JsonRpcError error) {
        return new JsonRpcResponse(JsonRpcRequest.VERSION, orNull(id), null, error);
    }

    private static JsonNode orNull(JsonNode id) {
        return id == null ? NullNode.getInstance() : id;
    }
}
