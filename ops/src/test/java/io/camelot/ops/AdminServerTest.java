package io.camelot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean storeOpen = new AtomicBoolean(true);
    private Vertx vertx;
    private PrometheusMeterRegistry registry;
    private AdminServer admin;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        registry = Telemetry.prometheus("test");
        admin = new AdminServer(vertx, new AdminConfig(true, "127.0.0.1", 0, List.of("metrics.example")), registry)
                .addReadinessCheck(ReadinessCheck.of(
                        "store", () -> storeOpen.get() ? Optional.empty() : Optional.of("store closed")))
                .addReadinessCheck(ReadinessCheck.of("always", Optional::empty))
                .addJsonEndpoint("things", () -> List.of(Map.of("id", "a1")));
        admin.start();
    }

    @AfterEach
    void stop() {
        admin.close();
        vertx.close().await();
    }

    /** The JSON health report at {@code path}, whose HTTP status must be {@code httpStatus}. */
    private JsonNode health(String path, int httpStatus) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(httpStatus);
        return ProtocolJson.parse(response.body().getBytes());
    }

    @Test
    void livenessIsUpWhileTheProcessAnswers() throws Exception {
        assertThat(health("/health/live", 200).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void readinessIs503NamingTheFailingCheckAndRecovers() throws Exception {
        storeOpen.set(false);
        JsonNode report = health("/health/ready", 503);
        assertThat(report.path("status").asText()).isEqualTo("DOWN");
        assertThat(report.path("checks").path("store").asText()).isEqualTo("store closed");
        assertThat(report.path("checks").path("always").asText()).isEqualTo("UP");

        storeOpen.set(true);
        assertThat(health("/health/ready", 200).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aThrowingCheckCountsAsNotReady() throws Exception {
        admin.addReadinessCheck(ReadinessCheck.of("chain", () -> {
            throw new IllegalStateException("connection refused");
        }));
        HttpResponse<String> response = get("/health/ready");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("connection refused");
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        Counter.builder("camelot.test.events")
                .tag("kind", "x")
                .register(registry)
                .increment(3);
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .contains("camelot_test_events_total{kind=\"x\",process=\"test\"} 3.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void jsonEndpointsAndTheDashboardOnlyWhenEnabled() throws Exception {
        assertThat(get("/api/things").body()).isEqualTo("[{\"id\":\"a1\"}]");
        assertThat(get("/").statusCode()).isEqualTo(404);
        admin.enableDashboard();
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"dashboard.js\"></script>");
        assertThat(get("/dashboard.js").body()).contains("/api/workorders");
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(get("/../etc/passwd").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyGetIsServed() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/metrics"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    /**
     * DNS rebinding (review L6): a page on a name the attacker re-binds to this address makes the
     * operator's browser send that name as Host; only addresses, localhost and listed names pass.
     */
    @Test
    void aHostHeaderNamingAnUnlistedHostIsRefusedSoDnsRebindingCannotReadThePort() throws Exception {
        assertThat(statusLine("/metrics", "attacker.example:" + admin.port()))
                .isEqualTo("HTTP/1.1 421 Misdirected Request");
        assertThat(statusLine("/api/things", "ATTACKER.example")).isEqualTo("HTTP/1.1 421 Misdirected Request");
        for (String host : List.of(
                "127.0.0.1:" + admin.port(), "10.1.2.3", "[::1]:" + admin.port(), "localhost", "Metrics.Example")) {
            assertThat(statusLine("/health/live", host)).as(host).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    /** The status line of a GET sent with exactly this Host header (the JDK client sets its own). */
    private String statusLine(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", admin.port())) {
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.port() + path);
    }
}
