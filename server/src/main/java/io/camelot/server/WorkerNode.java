package io.camelot.server;

import io.camelot.listener.CompletionNotifier;
import io.camelot.ops.AdminServer;
import io.camelot.ops.OtlpTracing;
import io.camelot.ops.Telemetry;
import io.camelot.store.postgres.PostgresQueueTable;
import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.SharedQueueWorker;
import io.camelot.worker.SingletonWorker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/**
 * A worker process ({@code camelot worker}): one singleton worker that registers in the shared
 * store's Worker Directory and drains its work orders from the shared queue. Its keys are sealed to
 * its TEE in its own local data directory (never on shared storage). Several processes may serve
 * different workers against one database; completions reach the listeners through the database.
 */
public final class WorkerNode implements AutoCloseable {
    private final NodeAssembly parts;
    private final SingletonWorker worker;
    private final PrometheusMeterRegistry metrics = Telemetry.prometheus("worker");
    private final AdminServer admin;

    private WorkerNode(CamelotConfig config, NodeAssembly parts) {
        this.parts = parts;
        Clock clock = Clock.systemUTC();
        PostgresTcsStore store = parts.add(StoreFactory.openShared(config.store(), "worker"));
        parts.add(OtlpTracing.startIfConfigured(config.logging().otlpEndpoint(), "worker"));
        worker = WorkerAssembly.create(config, store, clock, metrics).worker();
        Vertx vertx = Vertx.vertx();
        parts.add(() -> vertx.close().await());
        // Work orders reach this process through the shared queue: the same hosts as the listeners'.
        CompletionNotifier notifier = parts.add(
                CompletionNotifier.withDefaults(vertx, config.listener().allowedNotifyHosts(), metrics));
        PostgresQueueTable table = new PostgresQueueTable(store);
        SharedQueueWorker drain = parts.add(new SharedQueueWorker(
                table,
                worker.workerId(),
                worker,
                config.worker().toSettings().concurrency(),
                Duration.ofMillis(config.cluster().leaseMs()),
                metrics));
        drain.addCompletionListener(notifier);
        drain.start();
        admin = ScaleOutAdmin.startIfEnabled(parts, vertx, config.admin(), metrics, table);
    }

    public static WorkerNode start(CamelotConfig config) {
        config.crypto().use();
        return NodeAssembly.start(parts -> new WorkerNode(config, parts));
    }

    public SingletonWorker worker() {
        return worker;
    }

    /** The admin port (metrics and health), or -1 if it is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** Drains: running work orders finish, queued ones stay in the database for other processes. */
    @Override
    public void close() {
        parts.close();
    }
}
