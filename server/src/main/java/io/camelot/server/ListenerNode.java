package io.camelot.server;

import io.camelot.jsonrpc.RpcServer;
import io.camelot.listener.DirectModel;
import io.camelot.listener.ListenerConfig;
import io.camelot.ops.AdminServer;
import io.camelot.ops.OtlpTracing;
import io.camelot.ops.Telemetry;
import io.camelot.store.postgres.PostgresQueueTable;
import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.SharedWorkOrderQueue;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A stateless listener process ({@code camelot listener}): the direct-model JSON-RPC API over the
 * shared PostgreSQL store. It keeps nothing of its own, so any number of them can run behind a load
 * balancer; worker processes ({@link WorkerNode}) do the work.
 */
public final class ListenerNode implements AutoCloseable {
    private final NodeAssembly parts;
    private final RpcServer listener;
    private final PrometheusMeterRegistry metrics = Telemetry.prometheus("listener");
    private final AdminServer admin;

    private ListenerNode(CamelotConfig config, NodeAssembly parts) {
        this.parts = parts;
        PostgresTcsStore store = parts.add(StoreFactory.openShared(config.store(), "listener"));
        parts.add(OtlpTracing.startIfConfigured(config.logging().otlpEndpoint(), "listener"));
        Vertx vertx = Vertx.vertx();
        parts.add(() -> vertx.close().await());
        PostgresQueueTable table = new PostgresQueueTable(store);
        // The queue (its LISTEN connection, its purge) closes once the listener takes no more work
        // orders.
        SharedWorkOrderQueue queue =
                parts.add(new SharedWorkOrderQueue(table, config.queue().toSettings(), Clock.systemUTC(), metrics));
        ListenerConfig listenerConfig =
                config.listenerConfig(Path.of(config.store().dataDir()), Clock.systemUTC());
        listener = parts.add(DirectModel.server(vertx, listenerConfig, store, queue, metrics));
        listener.start();
        admin = ScaleOutAdmin.startIfEnabled(parts, vertx, config.admin(), metrics, table);
    }

    public static ListenerNode start(CamelotConfig config) {
        config.crypto().use();
        return NodeAssembly.start(parts -> new ListenerNode(config, parts));
    }

    public int port() {
        return listener.port();
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
