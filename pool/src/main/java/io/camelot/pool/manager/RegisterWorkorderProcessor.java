package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.ErrorCode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RegisterWorkorderProcessor(url, slots, dedicatedRequester?, measurement?): a started WP offers
 * its slots to the pool's dispatcher. Admission stays with the WKMs, which check the WP's
 * attestation on every key request; this only tells the dispatcher where to send work. The Worker
 * Manager then calls whatever is registered, so it takes only a call signed by a WP member's key
 * (no other member runs a WP) for a URL on a host in {@link WpHosts}.
 */
final class RegisterWorkorderProcessor implements JsonParamsMethod {
    private static final Logger log = LoggerFactory.getLogger(RegisterWorkorderProcessor.class);

    private final PoolDispatcher dispatcher;
    private final WpHosts wpHosts;
    private final Set<String> wpKeyIds;

    RegisterWorkorderProcessor(PoolDispatcher dispatcher, WpHosts wpHosts, Set<String> wpKeyIds) {
        this.dispatcher = dispatcher;
        this.wpHosts = wpHosts;
        this.wpKeyIds = wpKeyIds;
    }

    @Override
    public String name() {
        return PoolApi.REGISTER_WORKORDER_PROCESSOR;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        String url = call.params().path("url").asText("");
        int slots = call.params().path("slots").asInt(0);
        if (!url.startsWith("http://") && !url.startsWith("https://") || slots < 1) {
            return RpcOutcome.error(
                    ErrorCode.INVALID_PARAMS.code(), "RegisterWorkorderProcessor needs an http(s) url and slots >= 1");
        }
        Optional<String> refusal = call.signer() != null && wpKeyIds.contains(call.signer())
                ? wpHosts.refusal(url)
                : Optional.of("the call is not signed by a WP's key (" + PoolIdentities.WP_PEERS_FILE + ")");
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
}
