package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;

/** GetRandomId: a fresh single-use id the caller must put in its attestation info. */
final class GetRandomId implements RpcMethod {
  private final KeyManager keyManager;

  GetRandomId(KeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public String name() {
    return PoolApi.GET_RANDOM_ID;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(Map.of("randomId", keyManager.randomId()));
  }
}
