package io.camelot.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON-RPC method: its name, who may call it, how its params are bound, and what it does.
 *
 * @param <P> the params it works on, bound from the request's params object
 */
public interface RpcMethod<P> {
    String name();

    default Permission permission() {
        return Permission.PUBLIC;
    }

    /**
     * Whether a request may omit {@code params} (OpenRPC's {@code rpc.discover} takes none); it then
     * gets an empty object. Avalon's methods all require a params object.
     */
    default boolean paramsOptional() {
        return false;
    }

    /**
     * Binds and checks the params object; invalid params throw an {@link
     * io.camelot.protocol.EeaException}, which becomes the error object. Called only for a caller the
     * processor chain let through.
     */
    P params(JsonNode params);

    /**
     * Answers one call. Expected outcomes are returned as values; an {@link
     * io.camelot.protocol.EeaException} becomes an error object too.
     */
    RpcOutcome invoke(RpcCall<P> call);
}
