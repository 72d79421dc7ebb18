package io.camelot.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness and readiness probes for any Camelot process, on their own port: {@code GET
 * /health/live} answers 200 while the process runs; {@code GET /health/ready} answers 200 when every
 * readiness check passes and 503 naming the failing ones otherwise (a load balancer or Kubernetes
 * then sends no traffic). Checks may block (a database round trip), so they run off the event loop.
 */
public final class HealthServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

  private final Vertx vertx;
  private final HttpServer server;
  private final Map<String, BooleanSupplier> readiness;
  private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();

  private HealthServer(Vertx vertx, Map<String, BooleanSupplier> readiness, String host, int port) {
    this.vertx = vertx;
    this.readiness = new LinkedHashMap<>(readiness);
    this.server =
        vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(this::handle);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot bind the health endpoint on " + host + ":" + port, e);
    }
    log.info("Health endpoints on http://{}:{}/health/live and /health/ready", host, server.actualPort());
  }

  /** Starts on {@code host:port} (0: a free port) with the named readiness checks. */
  public static HealthServer start(Vertx vertx, String host, int port, Map<String, BooleanSupplier> readiness) {
    return new HealthServer(vertx, readiness, host, port);
  }

  public int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      answer(request, 405, "{\"status\":\"method not allowed\"}");
      return;
    }
    switch (request.path()) {
      case "/health/live" -> answer(request, 200, "{\"status\":\"UP\"}");
      case "/health/ready" -> {
        Context context = vertx.getOrCreateContext();
        checks.execute(() -> ready(request, context));
      }
      default -> answer(request, 404, "{\"status\":\"not found\"}");
    }
  }

  private void ready(HttpServerRequest request, Context context) {
    StringBuilder failing = new StringBuilder();
    for (Map.Entry<String, BooleanSupplier> check : readiness.entrySet()) {
      boolean passed;
      try {
        passed = check.getValue().getAsBoolean();
      } catch (RuntimeException e) {
        passed = false;
      }
      if (!passed) {
        failing.append(failing.isEmpty() ? "" : ",").append('"').append(check.getKey()).append('"');
      }
    }
    int status = failing.isEmpty() ? 200 : 503;
    String json = failing.isEmpty() ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"failing\":[" + failing + "]}";
    context.runOnContext(ignored -> answer(request, status, json));
  }

  private static void answer(HttpServerRequest request, int status, String json) {
    request
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(json);
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("Closing the health endpoint: {}", e.toString());
    }
    checks.close();
  }
}
