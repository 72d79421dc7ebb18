package io.camelot.jsonrpc;

import io.camelot.protocol.jsonrpc.JsonRpcError;

/**
 * Answers a well-formed call. An API composes its policy as decorators around the {@link
 * InvokingProcessor} (Besu's JsonRpcProcessor): metrics outermost, then rate limits, then
 * authentication, so that what a decorator refuses never reaches the method.
 */
public interface RpcProcessor {
    RpcOutcome process(RpcRequest request);

    /**
     * Told of a request the dispatcher answered without processing, because its envelope is
     * malformed. Decorators pass it on, so that the metrics see every request.
     *
     * @param methodName the method the envelope names, or null if it got no further
     */
    default void malformed(String methodName, JsonRpcError error) {}
}
