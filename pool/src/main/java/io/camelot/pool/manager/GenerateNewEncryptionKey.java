package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcCallException;

/**
 * GenerateNewEncryptionKey at the Worker Manager: rotates the key on one WKM, propagates it to the
 * others and updates the Worker Directory.
 */
final class GenerateNewEncryptionKey implements JsonParamsMethod {
    private final WorkerManager manager;

    GenerateNewEncryptionKey(WorkerManager manager) {
        this.manager = manager;
    }

    @Override
    public String name() {
        return PoolApi.GENERATE_NEW_ENCRYPTION_KEY;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        try {
            return RpcOutcome.result(manager.rotate(call.params()));
        } catch (RpcCallException e) {
            return RpcOutcome.error(e.code(), e.peerMessage(), e.data());
        }
    }
}
