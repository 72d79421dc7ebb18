package io.camelot.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.camelot.security.RequestSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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

    /** Callers on many threads share the pooled connections, each answer read whole. */
    @Test
    void concurrentCallsEachGetTheirWholeAnswer() throws Exception {
        String url =
                answering(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pong\":\"" + "x".repeat(2048) + "\"}}");
        RpcClient client = client(url, Duration.ofSeconds(30));
        List<Future<Integer>> callers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 8; c++) {
                callers.add(threads.submit(() -> {
                    int whole = 0;
                    for (int i = 0; i < 250; i++) {
                        whole += client.call("Ping", Map.of())
                                                .path("pong")
                                                .asText()
                                                .length()
                                        == 2048
                                ? 1
                                : 0;
                    }
                    return whole;
                }));
            }
        }
        for (Future<Integer> caller : callers) {
            assertThat(caller.get()).isEqualTo(250);
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
