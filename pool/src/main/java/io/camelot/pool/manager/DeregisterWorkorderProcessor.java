package io.camelot.pool.manager;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DeregisterWorkorderProcessor(url): the dispatcher gives the WP no more work and the answer says
 * whether its in-flight work orders have finished. The wait is bounded below the caller's call
 * timeout, so a long work order makes the WP ask again rather than time out.
 */
final class DeregisterWorkorderProcessor implements RpcMethod {
  private final PoolDispatcher dispatcher;
  private final Duration wait;

  DeregisterWorkorderProcessor(PoolDispatcher dispatcher, Duration wait) {
    this.dispatcher = dispatcher;
    this.wait = wait;
  }

  @Override
  public String name() {
    return PoolApi.DEREGISTER_WORKORDER_PROCESSOR;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    String url = call.params().path("url").asText("");
    if (url.isEmpty()) {
      return RpcOutcome.error(ErrorCode.INVALID_PARAMS.code(), "DeregisterWorkorderProcessor needs the WP's url");
    }
    try {
      dispatcher.drain(url).get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return RpcOutcome.result(Map.of("drained", true));
    } catch (TimeoutException e) {
      return RpcOutcome.result(Map.of("drained", false));
    } catch (ExecutionException e) {
      throw new IllegalStateException("draining " + url + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RpcOutcome.result(Map.of("drained", false));
    }
  }
}
