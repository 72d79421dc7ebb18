package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;

/** CreateKeyRequest: this WKM's attestation info for a GetWorkerPrivateKeys at another WKM. */
final class CreateKeyRequest implements RpcMethod {
  private final KeyManager keyManager;

  CreateKeyRequest(KeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public String name() {
    return PoolApi.CREATE_KEY_REQUEST;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(keyManager.createKeyRequest(InternalParams.text(call.params(), "randomId")));
  }
}
