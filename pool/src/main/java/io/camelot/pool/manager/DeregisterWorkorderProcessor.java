package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DeregisterWorkorderProcessor(url): the dispatcher gives the WP no more work and the answer says
 * whether its in-flight work orders have finished. The wait is bounded below the caller's call
 * timeout, so a long work order makes the WP ask again rather than time out. Only WPs' keys may
 * call it, as for registration: another member could otherwise take every WP out of rotation.
 */
final class DeregisterWorkorderProcessor implements JsonParamsMethod {
    private final PoolDispatcher dispatcher;
    private final Duration wait;
    private final Set<String> wpKeyIds;

    DeregisterWorkorderProcessor(PoolDispatcher dispatcher, Duration wait, Set<String> wpKeyIds) {
        this.dispatcher = dispatcher;
        this.wait = wait;
        this.wpKeyIds = wpKeyIds;
    }

    @Override
    public String name() {
        return PoolApi.DEREGISTER_WORKORDER_PROCESSOR;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        String url = call.params().path("url").asText("");
        if (url.isEmpty()) {
            return RpcOutcome.error(ErrorCode.INVALID_PARAMS.code(), "DeregisterWorkorderProcessor needs the WP's url");
        }
        if (call.signer() == null || !wpKeyIds.contains(call.signer())) {
            return RpcOutcome.error(
                    ErrorCode.ACCESS_DENIED.code(),
                    "DeregisterWorkorderProcessor refused: the call is not signed by a WP's key ("
                            + PoolIdentities.WP_PEERS_FILE
                            + ")");
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
