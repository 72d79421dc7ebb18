package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;

/** GenerateNewEncryptionKey: rotates the pool encryption key on this WKM. */
final class GenerateNewEncryptionKey implements RpcMethod {
  private final KeyManager keyManager;

  GenerateNewEncryptionKey(KeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public String name() {
    return PoolApi.GENERATE_NEW_ENCRYPTION_KEY;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(
        keyManager.generateNewEncryptionKey(
            InternalParams.optionalText(call.params(), "nonce"), InternalParams.optionalText(call.params(), "tag")));
  }
}
