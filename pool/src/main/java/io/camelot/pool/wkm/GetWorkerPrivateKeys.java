package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;

/** GetWorkerPrivateKeys: the pool keys encrypted to an attested WKM of the same measurement. */
final class GetWorkerPrivateKeys implements JsonParamsMethod {
    private final KeyManager keyManager;

    GetWorkerPrivateKeys(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.GET_WORKER_PRIVATE_KEYS;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(keyManager.exportKeys(InternalParams.attestation(call.params(), "attestation")));
    }
}
