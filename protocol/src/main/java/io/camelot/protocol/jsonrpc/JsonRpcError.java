package io.camelot.protocol.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;

/** The JSON-RPC error object; {@code data} is omitted when null. */
@JsonPropertyOrder({"code", "message", "data"})
public record JsonRpcError(
        int code,
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode data) {

    public static JsonRpcError of(EeaException e) {
        return new JsonRpcError(e.code(), e.getMessage(), e.data());
    }
}
