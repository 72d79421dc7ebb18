package io.camelot.server;

import io.camelot.ops.AdminServer;
import io.camelot.ops.OtlpTracing;
import io.camelot.ops.ReadinessCheck;
import io.camelot.ops.Telemetry;
import io.camelot.server.config.AdminSection;
import io.camelot.store.postgres.PostgresQueueTable;
import io.camelot.store.postgres.PostgresTcsStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a process on the shared PostgreSQL store ({@code camelot listener}, {@code camelot worker})
 * is built on: the store, span export, a Vert.x instance, the queue table and, started last by the
 * subclass, the admin port. Closing closes them in reverse order.
 */
abstract sealed class SharedStoreNode implements AutoCloseable permits ListenerNode, WorkerNode {
    final NodeAssembly parts;
    final PrometheusMeterRegistry metrics;
    final PostgresTcsStore store;
    final Vertx vertx;
    final PostgresQueueTable table;
    private AdminServer admin;

    SharedStoreNode(CamelotConfig config, NodeAssembly parts, String role) {
        this.parts = parts;
        metrics = Telemetry.prometheus(role);
        store = parts.add(StoreFactory.openShared(config.store(), role));
        parts.add(OtlpTracing.startIfConfigured(config.logging().otlpEndpoint(), role));
        vertx = Vertx.vertx();
        parts.add(() -> vertx.close().await());
        table = new PostgresQueueTable(store);
    }

    /** Installs the crypto provider first, then builds the node; a failed start closes its parts. */
    static <N extends SharedStoreNode> N assemble(
            CamelotConfig config, BiFunction<CamelotConfig, NodeAssembly, N> constructor) {
        config.crypto().use();
        return NodeAssembly.start(parts -> constructor.apply(config, parts));
    }

    /**
     * Starts the admin server, closed with the other parts, when {@code [admin]} enables it; ready
     * while PostgreSQL answers.
     */
    final void startAdmin(AdminSection settings) {
        if (!settings.enabled()) {
            return;
        }
        admin = parts.add(new AdminServer(vertx, settings.toSettings(), metrics));
        admin.addReadinessCheck(ReadinessCheck.of(
                "store", () -> table.reachable() ? Optional.empty() : Optional.of("PostgreSQL does not answer")));
        admin.start();
    }

    /** The admin port (metrics and health), or -1 if it is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    @Override
    public void close() {
        parts.close();
    }
}
