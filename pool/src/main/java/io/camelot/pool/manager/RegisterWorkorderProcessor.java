package io.camelot.pool.manager;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.ErrorCode;
import java.util.Map;

/**
 * RegisterWorkorderProcessor(url, slots, dedicatedRequester?, measurement?): a started WP offers its
 * slots to the pool's dispatcher. Admission stays with the WKMs, which check the WP's attestation
 * on every key request; this only tells the dispatcher where to send work.
 */
final class RegisterWorkorderProcessor implements RpcMethod {
  private final PoolDispatcher dispatcher;

  RegisterWorkorderProcessor(PoolDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public String name() {
    return PoolApi.REGISTER_WORKORDER_PROCESSOR;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    String url = call.params().path("url").asText("");
    int slots = call.params().path("slots").asInt(0);
    if (!url.startsWith("http://") && !url.startsWith("https://") || slots < 1) {
      return RpcOutcome.error(ErrorCode.INVALID_PARAMS.code(), "RegisterWorkorderProcessor needs an http(s) url and slots >= 1");
    }
    dispatcher.add(
        url, slots, call.params().path("dedicatedRequester").asText(""), call.params().path("measurement").asText(""));
    return RpcOutcome.result(Map.of("registered", true));
  }
}
