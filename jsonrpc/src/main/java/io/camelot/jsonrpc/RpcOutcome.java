package io.camelot.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.jsonrpc.JsonRpcError;

/**
 * What a method answers: a {@code result}, or an {@code error} object. Avalon reports "pending" and
 * receipt success as error objects (codes 5 and 0), so an error here is not necessarily a failure.
 */
public sealed interface RpcOutcome {

    /**
     * @param value serialised with the protocol's JSON mapper; a {@link JsonNode} is sent as is
     */
    record Result(Object value) implements RpcOutcome {}

    record Error(JsonRpcError error) implements RpcOutcome {}

    static RpcOutcome result(Object value) {
        return new Result(value);
    }

    static RpcOutcome error(int code, String message) {
        return new Error(new JsonRpcError(code, message, null));
    }

    static RpcOutcome error(int code, String message, JsonNode data) {
        return new Error(new JsonRpcError(code, message, data));
    }
}
