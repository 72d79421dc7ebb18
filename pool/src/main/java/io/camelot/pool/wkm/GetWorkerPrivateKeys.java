package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;

/** GetWorkerPrivateKeys: the pool keys encrypted to an attested WKM of the same measurement. */
final class GetWorkerPrivateKeys implements RpcMethod {
  private final KeyManager keyManager;

  GetWorkerPrivateKeys(KeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public String name() {
    return PoolApi.GET_WORKER_PRIVATE_KEYS;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(keyManager.exportKeys(InternalParams.attestation(call.params(), "attestation")));
  }
}
