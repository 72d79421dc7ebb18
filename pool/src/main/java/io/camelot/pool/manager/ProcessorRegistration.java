package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.protocol.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RegisterWorkorderProcessor and DeregisterWorkorderProcessor: WPs entering and leaving the
 * dispatcher's rotation. The Worker Manager calls whatever is registered, so both serve only the WP
 * role ({@link io.camelot.pool.PoolApi#CALLERS}; no other member runs a WP): another member could
 * otherwise send work anywhere or take every WP out of rotation.
 */
final class ProcessorRegistration {
    private static final Logger log = LoggerFactory.getLogger(ProcessorRegistration.class);

    private final PoolDispatcher dispatcher;
    private final WpHosts wpHosts;
    private final Duration drainWait;

    /** @param drainWait how long a deregistration waits for the WP's in-flight work orders */
    ProcessorRegistration(PoolDispatcher dispatcher, WpHosts wpHosts, Duration drainWait) {
        this.dispatcher = dispatcher;
        this.wpHosts = wpHosts;
        this.drainWait = drainWait;
    }

    /**
     * RegisterWorkorderProcessor(url, slots, dedicatedRequester?, measurement?): a started WP offers
     * its slots to the pool's dispatcher. Admission stays with the WKMs, which check the WP's
     * attestation on every key request; this only tells the dispatcher where to send work, for a URL
     * on a host in {@link WpHosts}.
     */
    RpcOutcome register(RpcCall<JsonNode> call) {
        String url = call.params().path("url").asText("");
        int slots = call.params().path("slots").asInt(0);
        if (!url.startsWith("http://") && !url.startsWith("https://") || slots < 1) {
            return RpcOutcome.error(
                    ErrorCode.INVALID_PARAMS.code(), "RegisterWorkorderProcessor needs an http(s) url and slots >= 1");
        }
        Optional<String> refusal = wpHosts.refusal(url);
        if (refusal.isPresent()) {
            log.warn("RegisterWorkorderProcessor for {} refused: {}", url, refusal.get());
            return RpcOutcome.error(
                    ErrorCode.ACCESS_DENIED.code(), "RegisterWorkorderProcessor refused: " + refusal.get());
        }
        dispatcher.add(
                url,
                slots,
                call.params().path("dedicatedRequester").asText(""),
                call.params().path("measurement").asText(""));
        return RpcOutcome.result(Map.of("registered", true));
    }

    /**
     * DeregisterWorkorderProcessor(url): the dispatcher gives the WP no more work and the answer says
     * whether its in-flight work orders have finished. The wait is bounded below the caller's call
     * timeout, so a long work order makes the WP ask again rather than time out.
     */
    RpcOutcome deregister(RpcCall<JsonNode> call) {
        String url = call.params().path("url").asText("");
        if (url.isEmpty()) {
            return RpcOutcome.error(ErrorCode.INVALID_PARAMS.code(), "DeregisterWorkorderProcessor needs the WP's url");
        }
        try {
            dispatcher.drain(url).get(drainWait.toMillis(), TimeUnit.MILLISECONDS);
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
