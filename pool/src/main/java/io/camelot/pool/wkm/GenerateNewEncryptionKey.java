package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;

/** GenerateNewEncryptionKey: rotates the pool encryption key on this WKM. */
final class GenerateNewEncryptionKey implements JsonParamsMethod {
    private final KeyManager keyManager;

    GenerateNewEncryptionKey(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.GENERATE_NEW_ENCRYPTION_KEY;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(keyManager.generateNewEncryptionKey(
                InternalParams.optionalText(call.params(), "nonce"),
                InternalParams.optionalText(call.params(), "tag")));
    }
}
