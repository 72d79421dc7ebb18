package io.camelot.server;

import io.camelot.jsonrpc.RpcServer;
import io.camelot.listener.CompletionNotifier;
import io.camelot.listener.DirectModel;
import io.camelot.listener.ListenerConfig;
import io.camelot.ops.AdminServer;
import io.camelot.ops.MetricHistory;
import io.camelot.ops.OtlpTracing;
import io.camelot.ops.ReadinessCheck;
import io.camelot.ops.RecentWorkOrders;
import io.camelot.ops.TcsDashboard;
import io.camelot.ops.Telemetry;
import io.camelot.ops.WorkerDirectoryMetrics;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolMetrics;
import io.camelot.pool.manager.JavaLauncher;
import io.camelot.pool.manager.LocalPool;
import io.camelot.pool.manager.PoolDirectory;
import io.camelot.pool.manager.PoolDispatcher;
import io.camelot.pool.manager.PoolGate;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.pool.manager.WorkerManager;
import io.camelot.pool.wp.WpRuntime;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.server.config.AdminSection;
import io.camelot.server.config.PoolSection;
import io.camelot.store.LmdbTcsStore;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerRegistration;
import io.camelot.worker.Workloads;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One TCS process: store, queue, a singleton worker in its TEE (SIMULATED unless configured), and
 * the listener. Starts in dependency order and closes in reverse: the listener stops taking
 * requests first, running work orders finish, then the store closes. It owns its data directory
 * ({@link DataDirLock}) until closed.
 */
public final class TcsNode implements AutoCloseable {
    private final NodeAssembly parts;
    private final LmdbTcsStore store;
    private final SingletonWorker worker;
    private final RpcServer listener;
    private final PrometheusMeterRegistry metrics = Telemetry.prometheus("serve");
    private final LocalPool pool;
    private final ElasticPool elasticPool;
    private final AdminServer admin;

    /** The pool's child processes and the dispatcher that hands its work orders to their WPs. */
    private record StartedPool(LocalPool processes, PoolDispatcher dispatcher) {}

    private TcsNode(CamelotConfig config, NodeAssembly parts) {
        this.parts = parts;
        Path dataDir = Path.of(config.store().dataDir());
        Clock clock = Clock.systemUTC();
        // Before the store, keys and ports: a second process on this directory would open the same
        // LMDB store and sealed keys, and both would lose work orders.
        parts.add(DataDirLock.acquire(dataDir, "camelot serve"));
        store = parts.add(StoreFactory.openLocal(config.store()));
        parts.add(OtlpTracing.startIfConfigured(config.logging().otlpEndpoint(), "serve"));
        // Vert.x and the notifier close after the queue, whose running work orders finish and notify.
        Vertx vertx = Vertx.vertx();
        parts.add(() -> vertx.close().await());
        CompletionNotifier notifier = parts.add(
                CompletionNotifier.withDefaults(vertx, config.listener().allowedNotifyHosts(), metrics));
        PersistentWorkOrderQueue queue =
                parts.add(new PersistentWorkOrderQueue(store, config.queue().toSettings(), clock, metrics));
        WorkerAssembly assembly = WorkerAssembly.create(config, store, clock, metrics);
        worker = assembly.worker();
        queue.addCompletionListener(notifier);
        RecentWorkOrders recent = new RecentWorkOrders(200, clock);
        if (config.admin().enabled()) {
            // Before any lane runs: recovered work orders complete into the history read back here.
            recent.restore(store);
            queue.addAdmissionListener(recent);
            queue.addCompletionListener(recent);
        }
        var workerConfig = config.worker().toSettings();
        queue.attach(worker.workerId(), worker, workerConfig.concurrency());
        // Named also when the pool is off, so that its off-line record shows its name.
        String poolId = WorkerConfig.idOf(config.pool().name());
        Map<String, String> names = new HashMap<>();
        names.put(poolId, config.pool().name());
        names.put(worker.workerId(), config.worker().name());
        // Before the pool starts and republishes its record under the stored status: the workers this
        // process serves are ACTIVE again, the others off-line.
        Set<String> served = config.pool().enabled() ? Set.of(worker.workerId(), poolId) : Set.of(worker.workerId());
        ServedWorkers.sync(store, served::contains, dataDir, names);
        WorkOrderQueue admission = queue;
        if (config.pool().enabled()) {
            var poolWorker = new WorkerConfig(
                    config.pool().name(),
                    workerConfig.organizationId(),
                    workerConfig.applicationTypeId(),
                    config.pool().maxWps() * config.pool().slotsPerProcessor());
            PoolGate gate =
                    new PoolGate(queue, poolWorker.workerId(), config.pool().policy(), clock);
            JavaLauncher java = JavaLauncher.ofThisJvm(CamelotCli.class.getName());
            StartedPool started = startPool(
                    config.pool(),
                    poolWorker,
                    java,
                    dataDir,
                    gate,
                    config.logging().otlpEndpoint(),
                    clock);
            // Running pool work orders are abandoned on close, not lost: they stay queued for the next
            // start.
            pool = parts.add(started.processes());
            queue.attach(poolWorker.workerId(), started.dispatcher(), poolWorker.concurrency());
            // Closed before the pool: stopping WPs deregister with its Worker Manager and drain.
            elasticPool = config.pool().elastic()
                    ? parts.add(ElasticPool.start(
                            config.pool(),
                            pool,
                            started.dispatcher(),
                            queue,
                            poolWorker.workerId(),
                            java,
                            dataDir.resolve("pool"),
                            clock))
                    : null;
            admission = gate;
        } else {
            pool = null;
            elasticPool = null;
        }

        ListenerConfig listenerConfig = config.listenerConfig(dataDir, clock);
        listener = parts.add(DirectModel.server(vertx, listenerConfig, store, admission, assembly::rotateKey, metrics));
        listener.start();
        admin = config.admin().enabled() ? startAdmin(config.admin(), vertx, queue, recent, names, clock) : null;
    }

    private AdminServer startAdmin(
            AdminSection settings,
            Vertx vertx,
            WorkOrderQueue queue,
            RecentWorkOrders recent,
            Map<String, String> names,
            Clock clock) {
        MetricHistory history = parts.add(new MetricHistory(metrics, clock, 300).start(1000));
        AdminServer server = parts.add(new AdminServer(vertx, settings.toSettings(), metrics));
        server.addReadinessCheck(ReadinessCheck.of("store", () -> {
                    store.pendingCount();
                    return Optional.empty();
                }))
                .addReadinessCheck(ReadinessCheck.of("worker-registered", this::workerRegistration))
                .addReadinessCheck(ReadinessCheck.of("keys-unsealed", this::keysPublished))
                .addReadinessCheck(ReadinessCheck.of("unserved-work", () -> unservedWork(queue, names)))
                .addReadinessCheck(ReadinessCheck.of("listener", () -> {
                    listener.port();
                    return Optional.empty();
                }));
        WorkerDirectoryMetrics.register(metrics, store);
        new TcsDashboard(store, metrics, recent, history, names, clock).serveOn(server);
        server.start();
        return server;
    }

    /** The worker's record is in the directory and ACTIVE. */
    private Optional<String> workerRegistration() {
        return store.worker(worker.workerId())
                .map(bytes -> ProtocolJson.bind(bytes, WorkerRecord.class))
                .map(record -> record.status() != null && record.status() == WorkerStatus.ACTIVE.code()
                        ? Optional.<String>empty()
                        : Optional.of("worker " + worker.workerId() + " has status " + record.status()))
                .orElse(Optional.of("worker " + worker.workerId() + " is not in the Worker Directory"));
    }

    /**
     * Work orders that wait for a worker no process serves: they run when it is served again, or fail
     * after {@code [queue] pending_timeout_seconds}.
     */
    private Optional<String> unservedWork(WorkOrderQueue queue, Map<String, String> names) {
        List<String> waiting = new ArrayList<>();
        for (String id : store.workerIds()) {
            int pending = queue.serves(id) ? 0 : store.pending(id).size();
            if (pending > 0) {
                waiting.add(pending + " for worker " + names.getOrDefault(id, id));
            }
        }
        return waiting.isEmpty()
                ? Optional.empty()
                : Optional.of("work orders wait for workers no process serves ("
                        + String.join(", ", waiting)
                        + "); they fail after [queue] pending_timeout_seconds unless served again");
    }

    /**
     * The directory publishes exactly the record built from the keys this process unsealed, with the
     * operator's status ({@link #workerRegistration} judges that).
     */
    private Optional<String> keysPublished() {
        return WorkerRegistration.publishes(store, worker.workerId(), worker.record())
                ? Optional.empty()
                : Optional.of("the Worker Directory does not publish the keys this worker holds");
    }

    /**
     * Starts the pool's WKMs and its fixed WPs as child processes of this JVM, sharing its simulated
     * TEE. An elastic pool starts no fixed WPs: its scaler starts them all.
     */
    private StartedPool startPool(
            PoolSection config,
            WorkerConfig poolWorker,
            JavaLauncher java,
            Path dataDir,
            PoolGate gate,
            String otlpEndpoint,
            Clock clock) {
        Duration callTimeout = Duration.ofSeconds(30);
        PoolIdentities identities = config.keysDir().isBlank()
                ? PoolIdentities.generate(
                        dataDir.resolve("pool").resolve("keys"),
                        config.keyManagers(),
                        config.processors(),
                        config.elastic())
                : PoolIdentities.load(Path.of(config.keysDir()));
        identities = switch (config.tls()) {
            case DEV -> identities.withDevelopmentTls(List.of(config.internalHost()));
            case ON -> identities.withPoolCaTls();
            case OFF -> identities;
        };
        // Closed after the pool's parts, which call through its clients until they are closed.
        PeerSecurity security = parts.add(identities.managerSecurity(clock));
        // With the pool CA, WPs are called at the address they registered (a pod IP no certificate
        // lists): their certificate must name the WP role instead; the signed registration binds
        // the address (docs/SECURITY.md, N1).
        PeerSecurity wpCalls = config.tls() == PoolSection.Tls.ON
                ? parts.add(security.callingPeersNamed(PoolIdentities.WP_TLS_NAME))
                : security;
        PoolDispatcher poolDispatcher = new PoolDispatcher(store, clock, callTimeout, wpCalls);
        PoolMetrics.bind(metrics, poolDispatcher);
        WorkerManager manager = new WorkerManager(
                callTimeout,
                security,
                new PoolDirectory(store, poolWorker, gate, WpRuntime.runnable(Workloads.load())),
                poolDispatcher,
                config.managerUrl(),
                config.allowedWpHosts());
        LocalPool.Settings settings = config.localPoolSettings(callTimeout, otlpEndpoint);
        // The children open the same simulated TEE directory, so they count as one platform.
        LocalPool started = new LocalPool(
                java, dataDir.resolve("pool"), dataDir.resolve("tee"), identities, settings, poolDispatcher, manager);
        started.start();
        return new StartedPool(started, poolDispatcher);
    }

    /** The elastic pool's scaling, or null when the pool is fixed or there is none. */
    ElasticPool elasticPool() {
        return elasticPool;
    }

    /** The worker pool, or null when this node runs none. */
    public LocalPool pool() {
        return pool;
    }

    public static TcsNode start(CamelotConfig config) {
        // First, so that a configured provider that cannot load stops start-up before anything opens.
        config.crypto().use();
        return NodeAssembly.start(parts -> new TcsNode(config, parts));
    }

    public String url(String host) {
        return listener.scheme() + "://" + host + ":" + listener.port();
    }

    public int port() {
        return listener.port();
    }

    public SingletonWorker worker() {
        return worker;
    }

    /** The admin server's base URL, when the admin port is enabled. */
    public Optional<String> adminUrl(String host) {
        return admin == null ? Optional.empty() : Optional.of("http://" + host + ":" + admin.port());
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /**
     * Closes in reverse start order: the listener stops taking requests first, running work orders
     * finish, then the store closes and the data directory is released.
     */
    @Override
    public void close() {
        parts.close();
    }
}
