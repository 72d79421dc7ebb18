package io.camelot.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A well-formed JSON-RPC call on its way through the {@link RpcProcessor} chain.
 *
 * @param methodName the method the call names
 * @param method the method registered under that name, or empty (answered "not supported" last, so
 *     that unknown names are rate limited and counted like the others)
 * @param params the params object (an empty one if the method lets it be omitted)
 * @param body the HTTP body exactly as received
 * @param caller who sent it
 * @param signer the key id an authentication decorator verified the call under, or null
 */
public record RpcRequest(
        String methodName, Optional<RpcMethod<?>> method, JsonNode params, byte[] body, Caller caller, String signer) {

    public RpcRequest signedBy(String keyId) {
        return new RpcRequest(methodName, method, params, body, caller, keyId);
    }
}
