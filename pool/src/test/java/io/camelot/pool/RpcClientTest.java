package io.camelot.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.security.RequestSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a pool call makes of a peer that is not there, fails, says nothing, or answers garbage. */
class RpcClientTest {
    final PeerSecurity security =
            new PeerSecurity(RequestSigner.newKeyPair(), PoolPeers.of(Map.of()), null, null, Clock.systemUTC());
    HttpServer server;

    @AfterEach
    void close() {
        security.close();
        if (server != null) {
            server.stop(0);
        }
    }

    RpcClient client(String url, Duration timeout) {
        return new RpcClient(url, timeout, security);
    }

    /** A server answering every request with {@code status} and {@code body}; returns its URL. */
    String answering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aPortNothingListensOnIsUnavailableAtOnce() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> client("http://127.0.0.1:" + port, Duration.ofSeconds(30))
                        .call("Ping", Map.of()))
                .isInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("Ping to http://127.0.0.1:" + port + " failed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anHttpErrorOrAnAnswerThatIsNotJsonRpcIsUnavailable() throws IOException {
        String url = answering(500, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(30)).call("Ping", Map.of()))
                .isInstanceOf(PeerUnavailableException.class)
                .hasMessageEndingWith("answered HTTP 500");
        server.stop(0);
        String garbage = answering(200, "<html>");
        assertThatThrownBy(() -> client(garbage, Duration.ofSeconds(30)).call("Ping", Map.of()))
                .isInstanceOf(PeerUnavailableException.class)
                .hasMessageEndingWith("answered malformed JSON");
    }

    @Test
    void aPeerThatNeverAnswersIsUnavailableAfterTheTimeout() throws IOException {
        // Never accepted: the connection waits in the backlog, and nothing reads or answers the call.
        try (ServerSocket silent = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(500))
                            .call("Ping", Map.of()))
                    .isInstanceOf(PeerUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
        }
    }

    /**
     * Callers on many threads share the pooled connections, each answer read whole, from a Vert.x
     * server that sends head and body together (a body handled before body() is asked for is lost).
     */
    @Test
    void concurrentCallsEachGetTheirWholeAnswer() throws Exception {
        KeyPair key = RequestSigner.newKeyPair();
        JsonParamsMethod echo = new JsonParamsMethod() {
            @Override
            public String name() {
                return "Echo";
            }

            @Override
            public RpcOutcome invoke(RpcCall<JsonNode> call) {
                return RpcOutcome.result(call.params());
            }
        };
        try (PeerSecurity peer = new PeerSecurity(
                        key, PoolPeers.of(Map.of(key.getPublic(), PoolRole.WP)), null, null, Clock.systemUTC());
                InternalServer server = InternalServer.start(
                        "127.0.0.1", 0, List.of(echo), Map.of("Echo", EnumSet.allOf(PoolRole.class)), peer);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            RpcClient client = new RpcClient(server.url(), Duration.ofSeconds(30), peer);
            String data = "x".repeat(2048);
            List<Future<Integer>> callers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                callers.add(threads.submit(() -> {
                    int whole = 0;
                    for (int i = 0; i < 1000; i++) {
                        whole += data.equals(client.call("Echo", Map.of("data", data))
                                        .path("data")
                                        .asText())
                                ? 1
                                : 0;
                    }
                    return whole;
                }));
            }
            for (Future<Integer> caller : callers) {
                assertThat(caller.get()).isEqualTo(1000);
            }
        }
    }

    @Test
    void aClosedSecurityCallsNoMore() throws IOException {
        String url = answering(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pong\":1}}");
        assertThat(client(url, Duration.ofSeconds(30))
                        .call("Ping", Map.of())
                        .path("pong")
                        .asInt())
                .isEqualTo(1);
        security.close();
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(30)).call("Ping", Map.of()))
                .isInstanceOf(PeerUnavailableException.class);
    }
}
