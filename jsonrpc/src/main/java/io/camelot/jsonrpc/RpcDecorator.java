package io.camelot.jsonrpc;

import io.camelot.protocol.jsonrpc.JsonRpcError;

/** A processor that adds one concern around the next one in the chain. */
public abstract class RpcDecorator implements RpcProcessor {
    protected final RpcProcessor next;

    protected RpcDecorator(RpcProcessor next) {
        this.next = next;
    }

    @Override
    public void malformed(String methodName, JsonRpcError error) {
        next.malformed(methodName, error);
    }
}
