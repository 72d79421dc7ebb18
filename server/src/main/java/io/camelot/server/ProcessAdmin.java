package io.camelot.server;

import io.camelot.ops.AdminConfig;
import io.camelot.ops.AdminServer;
import io.camelot.ops.OtlpTracing;
import io.camelot.ops.ReadinessCheck;
import io.camelot.pool.manager.ChildProcess;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The admin port (metrics, health) of a {@code camelot wkm}, {@code wp} or {@code ethereum-bridge},
 * and its span export when {@code --otlp-endpoint} is given.
 */
final class ProcessAdmin implements AutoCloseable {
    private final Vertx vertx;
    private final AdminServer server;
    private final String url;
    private final OtlpTracing tracing;

    private ProcessAdmin(Vertx vertx, AdminServer server, String url, OtlpTracing tracing) {
        this.vertx = vertx;
        this.server = server;
        this.url = url;
        this.tracing = tracing;
    }

    static ProcessAdmin start(
            AdminOptions options, String role, PrometheusMeterRegistry metrics, List<ReadinessCheck> checks) {
        Vertx vertx = Vertx.vertx();
        try {
            AdminServer server = new AdminServer(vertx, AdminConfig.of(options.host, options.port), metrics);
            checks.forEach(server::addReadinessCheck);
            server.start();
            return new ProcessAdmin(
                    vertx,
                    server,
                    "http://" + options.host + ":" + server.port(),
                    OtlpTracing.startIfConfigured(options.otlpEndpoint, role));
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    String url() {
        return url;
    }

    /**
     * Prints where to scrape, and the line from which {@code serve --pool} learns a child's admin
     * URL.
     */
    void announce() {
        System.out.println("Metrics " + url + "/metrics  health " + url + "/health/ready");
        System.out.println(ChildProcess.ADMIN + url);
    }

    @Override
    public void close() {
        tracing.close();
        server.close();
        vertx.close().await();
    }
}
