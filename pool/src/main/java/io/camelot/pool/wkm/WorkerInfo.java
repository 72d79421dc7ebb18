package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;

/** WorkerInfo: the pool's public keys and evidence, for the Worker Directory. */
final class WorkerInfo implements RpcMethod {
  private final KeyManager keyManager;

  WorkerInfo(KeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public String name() {
    return PoolApi.WORKER_INFO;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(keyManager.workerInfo());
  }
}
