package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;

/** SetWorkerPrivateKeys: installs keys a GetWorkerPrivateKeys of another WKM returned. */
final class SetWorkerPrivateKeys implements RpcMethod {
  private final KeyManager keyManager;

  SetWorkerPrivateKeys(KeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public String name() {
    return PoolApi.SET_WORKER_PRIVATE_KEYS;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    keyManager.importKeys(
        InternalParams.text(call.params(), "keys"), InternalParams.attestation(call.params(), "attestation"));
    return RpcOutcome.result(Map.of());
  }
}
