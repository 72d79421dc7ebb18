package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  final Vertx vertx = Vertx.vertx();
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  HttpResponse<String> get(HealthServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readinessFollowsItsChecksWhileLivenessStaysUp() throws Exception {
    AtomicBoolean storeUp = new AtomicBoolean(true);
    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("store", storeUp::get);
    checks.put("throws", () -> {
      if (!storeUp.get()) {
        throw new IllegalStateException("down");
      }
      return true;
    });
    try (HealthServer server = HealthServer.start(vertx, "127.0.0.1", 0, checks)) {
      assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);

      storeUp.set(false);
      HttpResponse<String> notReady = get(server, "/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).isEqualTo("{\"status\":\"DOWN\",\"failing\":[\"store\",\"throws\"]}");
      assertThat(notReady.headers().firstValue("content-type")).contains("application/json");

      HttpResponse<String> live = get(server, "/health/live");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(get(server, "/metrics").statusCode()).isEqualTo(404);
    }
  }
}
