package io.camelot.pool.manager;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcCallException;

/**
 * GenerateNewEncryptionKey at the Worker Manager: rotates the key on one WKM, propagates it to the
 * others and updates the Worker Directory.
 */
final class GenerateNewEncryptionKey implements RpcMethod {
  private final WorkerManager manager;

  GenerateNewEncryptionKey(WorkerManager manager) {
    this.manager = manager;
  }

  @Override
  public String name() {
    return PoolApi.GENERATE_NEW_ENCRYPTION_KEY;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    try {
      return RpcOutcome.result(manager.rotate(call.params()));
    } catch (RpcCallException e) {
      return RpcOutcome.error(e.code(), e.peerMessage(), e.data());
    }
  }
}
