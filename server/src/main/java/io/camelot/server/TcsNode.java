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
import io.camelot.pool.PoolPolicy;
import io.camelot.pool.manager.JavaLauncher;
import io.camelot.pool.manager.LocalPool;
import io.camelot.pool.manager.PoolDirectory;
import io.camelot.pool.manager.PoolDispatcher;
import io.camelot.pool.manager.PoolGate;
import io.camelot.pool.manager.WorkerManager;
import io.camelot.protocol.crypto.CryptoProviders;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.Workloads;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One TCS process: store, queue, a singleton worker in its TEE (SIMULATED unless configured), and the listener. Starts
 * in dependency order and closes in reverse: the listener stops taking requests first, running work
 * orders finish, then the store closes.
 */
public final class TcsNode implements AutoCloseable {
  private final TcsStore store;
  private final PersistentWorkOrderQueue queue;
  private final SingletonWorker worker;
  private final Vertx vertx;
  private final CompletionNotifier notifier;
  private final ListenerServer listener;
  private LocalPool pool;
  private PoolDispatcher poolDispatcher;

  private TcsNode(CamelotConfig config) {
    // First, so that a configured provider that cannot load stops start-up before anything opens.
    CryptoProviders.use(config.crypto().provider());
    boolean offerX25519 = config.worker().offersX25519();
    Path dataDir = Path.of(config.store().dataDir());
    Clock clock = Clock.systemUTC();
    store = LmdbTcsStore.open(dataDir.resolve("store"), config.store().mapSizeMb() << 20);
    try {
      CamelotConfig.Queue q = config.queue();
      queue =
          new PersistentWorkOrderQueue(
              store,
              new QueueSettings(
                  q.maxOutstanding(),
                  Duration.ofHours(q.retainCompletedHours()),
                  q.maxRetainedCompleted(),
                  Duration.ofSeconds(q.purgeIntervalSeconds())),
              clock);
      Tee tee = openTee(config.worker(), dataDir, clock);
      var workerConfig = config.workerConfig();
      WorkerKeys keys =
          WorkerKeys.loadOrCreate(
              dataDir.resolve("workers").resolve(workerConfig.workerId() + ".keys.sealed"),
              tee,
              offerX25519);
      worker = new SingletonWorker(workerConfig, keys, tee, Workloads.load(), store, clock);
      worker.register();
      vertx = Vertx.vertx();
      notifier = CompletionNotifier.withDefaults(vertx);
      queue.addCompletionListener(notifier);
      queue.attach(worker.workerId(), worker, workerConfig.concurrency());
      PoolGate gate = null;
      if (config.pool().processors() > 0) {
        config.pool().validate();
        var poolWorker =
            new WorkerConfig(
                config.pool().name(), workerConfig.organizationId(), workerConfig.applicationTypeId(),
                config.pool().processors() * config.pool().slotsPerProcessor());
        gate = new PoolGate(queue, poolWorker.workerId(), poolPolicy(config.pool()), clock);
        pool = startPool(config.pool(), poolWorker, dataDir, gate, clock);
        queue.attach(poolWorker.workerId(), poolDispatcher, poolWorker.concurrency());
      } else {
        pool = null;
      }

      CamelotConfig.Listener l = config.listener();
      ListenerConfig listenerConfig =
          new ListenerConfig(
              l.host(), l.port(), l.maxBodyBytes(), l.syncMode(),
              Duration.ofMillis(l.syncWaitCapMs()), l.operatorMethods());
      listener =
          new ListenerServer(
              vertx,
              listenerConfig,
              new JsonRpcDispatcher(
                  MethodRegistry.directModel(store, gate != null ? gate : queue, listenerConfig)));
      listener.start();
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      store.close();
      throw e;
    }
  }

  private static Tee openTee(CamelotConfig.Worker worker, Path dataDir, Clock clock) {
    if (CamelotConfig.Worker.GRAMINE.equals(worker.tee())) {
      DcapCollateral collateral =
          worker.collateralDir().isEmpty() ? null : DcapCollateral.fromDirectory(Path.of(worker.collateralDir()));
      return new GramineTee(GramineTee.DEFAULT_DIRECTORY, collateral);
    }
    return SimulatedTee.open(dataDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), clock);
  }

  /** Starts the pool's WKMs and WPs as child processes of this JVM, sharing its simulated TEE. */
  private LocalPool startPool(
      CamelotConfig.Pool config, WorkerConfig poolWorker, Path dataDir, PoolGate gate, Clock clock) {
    Duration callTimeout = Duration.ofSeconds(30);
    poolDispatcher = new PoolDispatcher(store, clock, callTimeout);
    WorkerManager manager =
        new WorkerManager(callTimeout, new PoolDirectory(store, poolWorker, gate));
    LocalPool.Settings settings =
        new LocalPool.Settings(
            config.processors(), config.keyManagers(), config.slotsPerProcessor(), poolPolicy(config),
            config.wpDedicatedRequesters(), config.internalHost(), callTimeout);
    // The children open the same simulated TEE directory, so they count as one platform.
    LocalPool started =
        new LocalPool(
            JavaLauncher.ofThisJvm(CamelotCli.class.getName()), dataDir.resolve("pool"), dataDir.resolve("tee"),
            settings, poolDispatcher, manager);
    started.start();
    return started;
  }

  static PoolPolicy poolPolicy(CamelotConfig.Pool config) {
    return new PoolPolicy(
        config.allowedWpMeasurements(),
        CamelotConfig.Pool.SAME_PLATFORM.equals(config.wpLocalization()),
        config.maxConcurrentWps(),
        config.restartWpAfter(),
        config.keyMigration(),
        CamelotConfig.Pool.EXT_KEY.equals(config.signatureScheme()),
        Duration.ofSeconds(config.rotationGraceSeconds()),
        config.dedicatedRequester());
  }

  /** The worker pool, or null when this node runs none. */
  public LocalPool pool() {
    return pool;
  }

  public static TcsNode start(CamelotConfig config) {
    return new TcsNode(config);
  }

  public String url(String host) {
    return "http://" + host + ":" + listener.port();
  }

  public int port() {
    return listener.port();
  }

  public SingletonWorker worker() {
    return worker;
  }

  @Override
  public void close() {
    listener.close();
    if (pool != null) {
      // Running pool work orders are abandoned, not lost: they stay queued for the next start.
      pool.close();
    }
    queue.close();
    notifier.close();
    vertx.close().await();
    store.close();
  }
}
