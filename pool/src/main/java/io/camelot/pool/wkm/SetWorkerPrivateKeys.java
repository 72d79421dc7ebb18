package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;

/** SetWorkerPrivateKeys: installs keys a GetWorkerPrivateKeys of another WKM returned. */
final class SetWorkerPrivateKeys implements JsonParamsMethod {
    private final KeyManager keyManager;

    SetWorkerPrivateKeys(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.SET_WORKER_PRIVATE_KEYS;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        keyManager.importKeys(
                InternalParams.text(call.params(), "keys"), InternalParams.attestation(call.params(), "attestation"));
        return RpcOutcome.result(Map.of());
    }
}
