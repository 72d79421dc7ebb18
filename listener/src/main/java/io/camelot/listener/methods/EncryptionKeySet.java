package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.ErrorCode;

/** Requesters cannot set a worker's key: the worker generates it inside its TEE. */
public final class EncryptionKeySet implements RpcMethod {

  @Override
  public String name() {
    return "EncryptionKeySet";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.error(
        ErrorCode.INVALID_PARAMETER.code(), "Operation is not supported. Hence invalid parameter");
  }
}
