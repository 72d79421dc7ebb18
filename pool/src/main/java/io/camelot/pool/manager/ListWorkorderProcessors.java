package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;

/**
 * ListWorkorderProcessors: the pool's internal WP directory (url, slots, busy, state), for
 * operators.
 */
final class ListWorkorderProcessors implements JsonParamsMethod {
    private final PoolDispatcher dispatcher;

    ListWorkorderProcessors(PoolDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public String name() {
        return PoolApi.LIST_WORKORDER_PROCESSORS;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(Map.of("processors", dispatcher.processors()));
    }
}
