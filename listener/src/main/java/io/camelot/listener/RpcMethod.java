package io.camelot.listener;

/** One direct-model JSON-RPC method: its name, who may call it, and what it does. */
public interface RpcMethod {
  String name();

  default Permission permission() {
    return Permission.REQUESTER;
  }

  /**
   * Whether a request may omit {@code params} (OpenRPC's {@code rpc.discover} takes none); Avalon's
   * methods all require a params object.
   */
  default boolean paramsOptional() {
    return false;
  }

  /**
   * Answers one call. Invalid params surface as {@link io.camelot.protocol.EeaException}s, which the
   * dispatcher turns into error objects; expected outcomes are returned as values.
   */
  RpcOutcome invoke(RpcCall call);
}
