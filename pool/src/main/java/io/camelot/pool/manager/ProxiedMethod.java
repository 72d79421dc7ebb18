package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.RpcCallException;

/** A Key Management API method the Worker Manager forwards to the WKM in use, errors included. */
final class ProxiedMethod implements JsonParamsMethod {
    private final String name;
    private final WorkerManager manager;

    ProxiedMethod(String name, WorkerManager manager) {
        this.name = name;
        this.manager = manager;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        try {
            return RpcOutcome.result(manager.call(name, call.params()));
        } catch (RpcCallException e) {
            return RpcOutcome.error(e.code(), e.peerMessage(), e.data());
        }
    }
}
