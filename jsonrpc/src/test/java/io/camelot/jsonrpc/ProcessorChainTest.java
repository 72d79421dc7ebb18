package io.camelot.jsonrpc;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy decorators: what they refuse never reaches the method, and the metrics see it all. */
class ProcessorChainTest {
    static final Permission GUARDED = new Permission("guarded");
    static final Caller TRUSTED = new Caller("192.0.2.1", false, "trusted");
    static final Caller STRANGER = new Caller("192.0.2.2", false, null);

    final List<String> signers = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** A guarded method that records the key each call it is given was signed under. */
    final RpcMethod<JsonNode> ping = new JsonParamsMethod() {
        @Override
        public String name() {
            return "Ping";
        }

        @Override
        public Permission permission() {
            return GUARDED;
        }

        @Override
        public RpcOutcome invoke(RpcCall<JsonNode> call) {
            signers.add(call.signer());
            return RpcOutcome.result(Map.of("pong", true));
        }
    };

    final MethodRegistry registry = new MethodRegistry(List.of(ping));

    /** Counts, limits each address to two calls, and lets in callers whose header says "trusted". */
    JsonRpcDispatcher dispatcher() {
        RpcProcessor authenticated = new AuthenticatingProcessor(
                new InvokingProcessor(),
                method -> GUARDED.equals(method.permission()),
                (caller, body) -> "trusted".equals(caller.authorization())
                        ? new RequestAuthenticator.Result.Authenticated("key-1")
                        : new RequestAuthenticator.Result.Refused("not trusted"));
        RpcProcessor limited = RateLimitingProcessor.perAddress(authenticated, new RateLimiter.Limit(0.001, 2));
        return new JsonRpcDispatcher(registry, new MeteredProcessor(limited, meters, registry.names(), Map.of()));
    }

    @Test
    void anUnauthenticatedCallNeverReachesTheMethod() {
        JsonRpcDispatcher dispatcher = dispatcher();
        assertError(call(dispatcher, "Ping", STRANGER), 3, "Ping refused: not trusted");
        assertThat(signers).isEmpty();

        assertThat(call(dispatcher, "Ping", TRUSTED).path("result").path("pong").asBoolean())
                .isTrue();
        assertThat(signers).containsExactly("key-1");
    }

    @Test
    void aRateLimitedCallIsRefusedWithBusyBeforeAuthentication() {
        JsonRpcDispatcher dispatcher = dispatcher();
        call(dispatcher, "Ping", TRUSTED);
        call(dispatcher, "Ping", TRUSTED);
        assertError(call(dispatcher, "Ping", TRUSTED), 8, RateLimitingProcessor.RATE_LIMITED);
        assertThat(signers).hasSize(2);
        // Another address has its own bucket.
        assertError(call(dispatcher, "Ping", STRANGER), 3, "Ping refused: not trusted");
    }

    @Test
    void metricsCountRefusedUnknownAndMalformedCallsToo() {
        JsonRpcDispatcher dispatcher = dispatcher();
        call(dispatcher, "Ping", TRUSTED);
        call(dispatcher, "Ping", STRANGER);
        call(dispatcher, "Ping", TRUSTED);
        call(dispatcher, "Ping", TRUSTED);
        call(dispatcher, "DropTables", STRANGER);
        dispatcher.handle(
                "{\"jsonrpc\":\"2.0\",\"method\":\"Ping\",\"id\":1}".getBytes(StandardCharsets.UTF_8), TRUSTED);
        dispatcher.handle("not json".getBytes(StandardCharsets.UTF_8), TRUSTED);

        assertThat(count("Ping", "result")).isEqualTo(2);
        assertThat(count("Ping", "3")).isEqualTo(1);
        assertThat(count("Ping", "8")).isEqualTo(1);
        assertThat(count("Ping", "2")).as("params missing").isEqualTo(1);
        assertThat(count("unknown", "2"))
                .as("an unknown method and an unparsable body")
                .isEqualTo(2);
    }

    @Test
    void aMethodsInvalidParamsAreAnErrorValue() {
        RpcMethod<Integer> strict = new RpcMethod<>() {
            @Override
            public String name() {
                return "Strict";
            }

            @Override
            public Integer params(JsonNode params) {
                return Optional.ofNullable(params.get("n"))
                        .filter(JsonNode::isInt)
                        .map(JsonNode::intValue)
                        .orElseThrow(() -> EeaException.invalidParameter("Invalid data format for n"));
            }

            @Override
            public RpcOutcome invoke(RpcCall<Integer> call) {
                return RpcOutcome.result(call.params() + 1);
            }
        };
        JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(new MethodRegistry(List.of(strict)));
        assertError(call(dispatcher, "Strict", Caller.LOCAL), 2, "Invalid data format for n");
        byte[] valid = "{\"jsonrpc\":\"2.0\",\"method\":\"Strict\",\"id\":1,\"params\":{\"n\":41}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ProtocolJson.parse(dispatcher.handle(valid)).path("result").asInt())
                .isEqualTo(42);
    }

    private double count(String method, String code) {
        var counter = meters.find("camelot.rpc.requests")
                .tag("method", method)
                .tag("code", code)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode call(JsonRpcDispatcher dispatcher, String method, Caller caller) {
        String body = "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"id\":1,\"params\":{}}";
        return ProtocolJson.parse(dispatcher.handle(body.getBytes(StandardCharsets.UTF_8), caller));
    }
}
