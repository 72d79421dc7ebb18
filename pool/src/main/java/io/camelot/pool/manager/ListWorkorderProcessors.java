package io.camelot.pool.manager;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import java.util.Map;

/** ListWorkorderProcessors: the pool's internal WP directory (url, slots, busy, state), for operators. */
final class ListWorkorderProcessors implements RpcMethod {
  private final PoolDispatcher dispatcher;

  ListWorkorderProcessors(PoolDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public String name() {
    return PoolApi.LIST_WORKORDER_PROCESSORS;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(Map.of("processors", dispatcher.processors()));
  }
}
