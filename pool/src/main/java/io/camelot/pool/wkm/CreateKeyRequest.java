package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;

/** CreateKeyRequest: this WKM's attestation info for a GetWorkerPrivateKeys at another WKM. */
final class CreateKeyRequest implements JsonParamsMethod {
    private final KeyManager keyManager;

    CreateKeyRequest(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.CREATE_KEY_REQUEST;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(keyManager.createKeyRequest(InternalParams.text(call.params(), "randomId")));
    }
}
