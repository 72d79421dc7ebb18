package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Redirect on a WKM answers with the WKM itself, so a WP can be pointed at a WKM directly as well
 * as at a Worker Manager.
 */
final class Redirect implements RpcMethod {
  private final Supplier<String> ownUrl;

  Redirect(Supplier<String> ownUrl) {
    this.ownUrl = ownUrl;
  }

  @Override
  public String name() {
    return PoolApi.REDIRECT;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(Map.of("uri", ownUrl.get()));
  }
}
