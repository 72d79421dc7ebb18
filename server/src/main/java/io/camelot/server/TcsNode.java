package io.camelot.server;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.DcapCollateral;
import io.camelot.attestation.GramineTee;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.Tee;
import io.camelot.listener.CompletionNotifier;
import io.camelot.listener.JsonRpcDispatcher;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.ListenerServer;
import io.camelot.listener.MethodRegistry;
import io.camelot.ops.AdminConfig;
import io.camelot.ops.AdminServer;
import io.camelot.ops.MetricHistory;
import io.camelot.ops.OtlpTracing;
import io.camelot.ops.ReadinessCheck;
import io.camelot.ops.RecentWorkOrders;
import io.camelot.ops.TcsDashboard;
import io.camelot.ops.Telemetry;
import io.camelot.ops.WorkerDirectoryMetrics;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.pool.PoolMetrics;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.manager.JavaLauncher;
import io.camelot.pool.manager.LocalPool;
import io.camelot.pool.manager.PoolDirectory;
import io.camelot.pool.manager.PoolDispatcher;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.pool.manager.PoolGate;
import io.camelot.pool.manager.WorkerManager;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.server.config.AdminSection;
import io.camelot.server.config.PoolSection;
import io.camelot.server.config.WorkerSection;
import io.camelot.server.config.WorkloadsSection;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.WorkerRegistration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/**
 * One TCS process: store, queue, a singleton worker in its TEE (SIMULATED unless configured), and the listener. Starts
 * in dependency order and closes in reverse: the listener stops taking requests first, running work
 * orders finish, then the store closes. It owns its data directory ({@link DataDirLock}) until closed.
 */
public final class TcsNode implements AutoCloseable {
  private final DataDirLock dataDirLock;
  private final TcsStore store;
  private final PersistentWorkOrderQueue queue;
  private final SingletonWorker worker;
  private final Vertx vertx;
  private final CompletionNotifier notifier;
  private final ListenerServer listener;
  private final PrometheusMeterRegistry metrics = Telemetry.prometheus("serve");
  private final OtlpTracing tracing;
  private MetricHistory history;
  private AdminServer admin;
  private LocalPool pool;
  private PoolDispatcher poolDispatcher;
  private ElasticPool elasticPool;

  private TcsNode(CamelotConfig config) {
    // First, so that a configured provider that cannot load stops start-up before anything opens.
    config.crypto().use();
    boolean offerX25519 = config.worker().offersX25519();
    Path dataDir = Path.of(config.store().dataDir());
    Clock clock = Clock.systemUTC();
    // Before the store, keys and ports: a second process on this directory would open the same
    // LMDB store and sealed keys, and both would lose work orders.
    dataDirLock = DataDirLock.acquire(dataDir, "camelot serve");
    try {
      store =
          LmdbTcsStore.open(
              dataDir.resolve("store"), config.store().mapSizeMb() << 20, config.store().submitLimitPercent());
    } catch (RuntimeException e) {
      dataDirLock.close();
      throw e;
    }
    tracing = OtlpTracing.startIfConfigured(config.logging().otlpEndpoint(), "serve");
    try {
      queue = new PersistentWorkOrderQueue(store, config.queue().toSettings(), clock, metrics);
      Tee tee = openTee(config.worker(), dataDir, clock);
      var workerConfig = config.worker().toSettings();
      WorkerKeys keys =
          WorkerKeys.loadOrCreate(
              dataDir.resolve("workers").resolve(workerConfig.workerId() + ".keys.sealed"),
              tee,
              offerX25519);
      WorkloadsSection runtime = config.workloads();
      worker =
          new SingletonWorker(
              workerConfig, keys, tee, RuntimeWorkloads.workloads(runtime), store, clock,
              RuntimeWorkloads.connectors(runtime, dataDir, workerConfig.workerId(), tee, clock, store),
              metrics);
      worker.register();
      vertx = Vertx.vertx();
      notifier = CompletionNotifier.withDefaults(vertx, config.listener().allowedNotifyHosts(), metrics);
      queue.addCompletionListener(notifier);
      RecentWorkOrders recent = new RecentWorkOrders(200, clock);
      if (config.admin().enabled()) {
        queue.addAdmissionListener(recent);
        queue.addCompletionListener(recent);
      }
      queue.attach(worker.workerId(), worker, workerConfig.concurrency());
      PoolGate gate = null;
      if (config.pool().enabled()) {
        var poolWorker =
            new WorkerConfig(
                config.pool().name(), workerConfig.organizationId(), workerConfig.applicationTypeId(),
                config.pool().maxWps() * config.pool().slotsPerProcessor());
        gate = new PoolGate(queue, poolWorker.workerId(), config.pool().policy(), clock);
        JavaLauncher java = JavaLauncher.ofThisJvm(CamelotCli.class.getName());
        pool = startPool(config.pool(), poolWorker, java, dataDir, gate, config.logging().otlpEndpoint(), clock);
        queue.attach(poolWorker.workerId(), poolDispatcher, poolWorker.concurrency());
        if (config.pool().elastic()) {
          elasticPool =
              ElasticPool.start(
                  config.pool(), pool, poolDispatcher, queue, poolWorker.workerId(), java, dataDir.resolve("pool"), clock);
        }
      } else {
        pool = null;
      }

      ListenerConfig listenerConfig = config.listenerConfig(dataDir, clock);
      listener =
          new ListenerServer(
              vertx,
              listenerConfig,
              new JsonRpcDispatcher(
                  MethodRegistry.directModel(store, gate != null ? gate : queue, listenerConfig, metrics),
                  listenerConfig.security(),
                  metrics));
      listener.start();
      if (config.admin().enabled()) {
        startAdmin(config.admin(), recent, clock);
      }
    } catch (RuntimeException e) {
      if (elasticPool != null) {
        elasticPool.close();
      }
      if (admin != null) {
        admin.close();
      }
      if (history != null) {
        history.close();
      }
      if (pool != null) {
        pool.close();
      }
      tracing.close();
      store.close();
      dataDirLock.close();
      throw e;
    }
  }

  private void startAdmin(AdminSection settings, RecentWorkOrders recent, Clock clock) {
    history = new MetricHistory(metrics, clock, 300).start(1000);
    admin = new AdminServer(vertx, new AdminConfig(true, settings.host(), settings.port()), metrics);
    admin
        .addReadinessCheck(ReadinessCheck.of("store", () -> {
          store.pendingCount();
          return Optional.empty();
        }))
        .addReadinessCheck(ReadinessCheck.of("worker-registered", this::workerRegistration))
        .addReadinessCheck(ReadinessCheck.of("keys-unsealed", this::keysPublished))
        .addReadinessCheck(ReadinessCheck.of("listener", () -> {
          listener.port();
          return Optional.empty();
        }));
    WorkerDirectoryMetrics.register(metrics, store);
    new TcsDashboard(store, metrics, recent, history, clock).serveOn(admin);
    admin.start();
  }

  /** The worker's record is in the directory and ACTIVE. */
  private Optional<String> workerRegistration() {
    return store
        .worker(worker.workerId())
        .map(bytes -> ProtocolJson.bind(ProtocolJson.parse(bytes), WorkerRecord.class))
        .map(record -> record.status() != null && record.status() == WorkerStatus.ACTIVE.code()
            ? Optional.<String>empty()
            : Optional.of("worker " + worker.workerId() + " has status " + record.status()))
        .orElse(Optional.of("worker " + worker.workerId() + " is not in the Worker Directory"));
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

  static Tee openTee(WorkerSection worker, Path dataDir, Clock clock) {
    if (worker.tee() == WorkerSection.TeeKind.GRAMINE) {
      DcapCollateral collateral =
          worker.collateralDir().isEmpty() ? null : DcapCollateral.fromDirectory(Path.of(worker.collateralDir()));
      return new GramineTee(GramineTee.DEFAULT_DIRECTORY, collateral);
    }
    return SimulatedTee.open(dataDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), clock);
  }

  /**
   * Starts the pool's WKMs and its fixed WPs as child processes of this JVM, sharing its simulated
   * TEE. An elastic pool starts no fixed WPs: its scaler starts them all.
   */
  private LocalPool startPool(
      PoolSection config, WorkerConfig poolWorker, JavaLauncher java, Path dataDir, PoolGate gate,
      String otlpEndpoint, Clock clock) {
    Duration callTimeout = Duration.ofSeconds(30);
    PoolIdentities identities =
        config.keysDir().isBlank()
            ? PoolIdentities.generate(
                dataDir.resolve("pool").resolve("keys"), config.keyManagers(), config.processors(), config.elastic())
            : PoolIdentities.load(Path.of(config.keysDir()));
    if (config.tls() == PoolSection.Tls.DEV) {
      identities = identities.withDevelopmentTls(List.of(config.internalHost()));
    }
    PeerSecurity security = identities.managerSecurity(clock);
    poolDispatcher = new PoolDispatcher(store, clock, callTimeout, security);
    PoolMetrics.bind(metrics, poolDispatcher);
    WorkerManager manager =
        new WorkerManager(
            callTimeout, security, new PoolDirectory(store, poolWorker, gate), poolDispatcher, config.managerUrl(),
            config.allowedWpHosts(), identities.wpKeyIds());
    LocalPool.Settings settings = config.localPoolSettings(callTimeout, otlpEndpoint);
    // The children open the same simulated TEE directory, so they count as one platform.
    LocalPool started =
        new LocalPool(
            java, dataDir.resolve("pool"), dataDir.resolve("tee"), identities, settings, poolDispatcher, manager);
    started.start();
    return started;
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
    return new TcsNode(config);
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

  @Override
  public void close() {
    if (admin != null) {
      admin.close();
      history.close();
    }
    listener.close();
    if (elasticPool != null) {
      // Before the pool: stopping WPs deregister with its Worker Manager and drain.
      elasticPool.close();
    }
    if (pool != null) {
      // Running pool work orders are abandoned, not lost: they stay queued for the next start.
      pool.close();
    }
    queue.close();
    notifier.close();
    vertx.close().await();
    tracing.close();
    store.close();
    dataDirLock.close();
  }
}
