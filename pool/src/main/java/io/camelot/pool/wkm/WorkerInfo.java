package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;

/** WorkerInfo: the pool's public keys and evidence, for the Worker Directory. */
final class WorkerInfo implements JsonParamsMethod {
    private final KeyManager keyManager;

    WorkerInfo(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.WORKER_INFO;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(keyManager.workerInfo());
    }
}
