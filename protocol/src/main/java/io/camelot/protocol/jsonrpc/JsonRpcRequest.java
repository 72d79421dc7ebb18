package io.camelot.protocol.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;

/**
 * A JSON-RPC 2.0 request. {@code id} stays a JSON node so it is echoed exactly as sent (Avalon
 * clients send integers; strings are accepted too).
 */
@JsonPropertyOrder({"jsonrpc", "method", "id", "params"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonRpcRequest(String jsonrpc, String method, JsonNode id, JsonNode params) {
    public static final String VERSION = "2.0";

    public static JsonRpcRequest of(String method, long id, JsonNode params) {
        return new JsonRpcRequest(VERSION, method, LongNode.valueOf(id), params);
    }
}
