package io.camelot.ops;

import io.camelot.protocol.ProtocolJson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port of a Camelot process, apart from the port clients use: {@code GET /metrics}
 * (Prometheus text), {@code /health/live} (the process answers), {@code /health/ready} (200 when
 * every {@link ReadinessCheck} passes, else 503 naming the failures), JSON endpoints under {@code
 * /api/} registered by the process, and, when the process registers them, the dashboard's static
 * files at {@code /}. Handlers that read the store run on virtual threads, not the event loop. A
 * request whose Host header names neither an IP address, {@code localhost}, the bound host nor an
 * {@link AdminConfig#allowedHosts() allowed} name gets 421 (review L6, DNS rebinding).
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final String DASHBOARD_RESOURCES = "/io/camelot/ops/dashboard/";
    private static final Map<String, String> STATIC_FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/dashboard.js", "dashboard.js",
            "/dashboard.css", "dashboard.css");
    private static final long STARTUP_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final AdminConfig config;
    private final PrometheusMeterRegistry registry;
    private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<?>> api = new ConcurrentHashMap<>();
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean dashboard;
    private HttpServer server;

    public AdminServer(Vertx vertx, AdminConfig config, PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
    }

    public AdminServer addReadinessCheck(ReadinessCheck check) {
        checks.add(check);
        return this;
    }

    /**
     * Serves {@code GET /api/<name>} as the JSON of what the supplier returns. Suppliers may block
     * briefly (store reads) and must never return work-order data, only ids, states and timings.
     */
    public AdminServer addJsonEndpoint(String name, Supplier<?> supplier) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("endpoint names are lower-case words: " + name);
        }
        api.put("/api/" + name, supplier);
        return this;
    }

    /**
     * Serves the dashboard page, which reads {@code /api/overview}, {@code /api/series}, {@code
     * /api/workorders}.
     */
    public AdminServer enableDashboard() {
        dashboard = true;
        return this;
    }

    public HealthReport readiness() {
        return HealthReport.of(checks);
    }

    public void start() {
        HttpServer created = vertx.createHttpServer(
                        new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(this::accept);
        server = await(created.listen(), "bind the admin port " + config.host() + ":" + config.port());
        log.info(
                "Admin (metrics, health{}) on http://{}:{}",
                dashboard ? ", dashboard" : "",
                config.host(),
                server.actualPort());
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("the admin server is not started");
        }
        return server.actualPort();
    }

    @Override
    public void close() {
        if (server != null) {
            await(server.close(), "close the admin server");
            server = null;
        }
        handlers.close();
    }

    private void accept(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            reply(request, 405, "text/plain; charset=utf-8", bytes("GET only\n"));
            return;
        }
        String host = request.authority() == null ? null : request.authority().host();
        if (host != null && !config.admits(host)) {
            reply(
                    request,
                    421,
                    "text/plain; charset=utf-8",
                    bytes("Host " + host + " is not served here; list it in [admin] allowed_hosts\n"));
            return;
        }
        String path = request.path();
        Context context = vertx.getOrCreateContext();
        handlers.execute(() -> {
            Response response = respond(path);
            context.runOnContext(ignored -> reply(request, response.status, response.contentType, response.body));
        });
    }

    private Response respond(String path) {
        try {
            return switch (path) {
                case "/metrics" ->
                    new Response(200, "text/plain; version=0.0.4; charset=utf-8", bytes(registry.scrape()));
                case "/health/live" -> json(200, Map.of("status", HealthReport.UP));
                case "/health/ready" -> {
                    HealthReport report = readiness();
                    yield json(report.up() ? 200 : 503, report);
                }
                default -> {
                    Supplier<?> endpoint = api.get(path);
                    if (endpoint != null) {
                        yield json(200, endpoint.get());
                    }
                    String file = dashboard ? STATIC_FILES.get(path) : null;
                    yield file != null
                            ? new Response(200, contentType(file), resource(file))
                            : new Response(404, "text/plain; charset=utf-8", bytes("not found\n"));
                }
            };
        } catch (RuntimeException e) {
            log.error("Admin request {} failed", path, e);
            return new Response(500, "text/plain; charset=utf-8", bytes("internal error\n"));
        }
    }

    private static Response json(int status, Object value) {
        return new Response(status, "application/json", ProtocolJson.toBytes(value));
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    }

    private static byte[] resource(String file) {
        try (InputStream in = AdminServer.class.getResourceAsStream(DASHBOARD_RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + file + " is missing from the ops jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpServerRequest request, int status, String contentType, byte[] body) {
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Buffer.buffer(body));
    }

    private record Response(int status, String contentType, byte[] body) {}

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out trying to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted trying to " + what, e);
        }
    }
}
