package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.ErrorCode;

/** Requesters cannot set a worker's key: the worker generates it inside its TEE. */
public final class EncryptionKeySet implements JsonParamsMethod {

    @Override
    public String name() {
        return DirectModelMethod.ENCRYPTION_KEY_SET.methodName();
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.error(
                ErrorCode.INVALID_PARAMETER.code(), "Operation is not supported. Hence invalid parameter");
    }
}
