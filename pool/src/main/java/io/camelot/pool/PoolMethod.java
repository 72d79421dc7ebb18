package io.camelot.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import java.util.function.Function;

/**
 * A pool-internal JSON-RPC method given by its name and what it does with a call: the servers list
 * their methods as a table of these instead of a class for each.
 */
public record PoolMethod(String name, Function<RpcCall<JsonNode>, RpcOutcome> handler) implements JsonParamsMethod {
    /** A method whose answer is always a result, computed from the call's params. */
    public static PoolMethod answering(String name, Function<JsonNode, Object> result) {
        return new PoolMethod(name, call -> RpcOutcome.result(result.apply(call.params())));
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return handler.apply(call);
    }
}
