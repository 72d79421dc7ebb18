package io.camelot.server;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.DcapCollateral;
import io.camelot.attestation.GramineTee;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.Tee;
import io.camelot.listener.CompletionNotifier;
import io.camelot.listener.JsonRpcDispatcher;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.ListenerSecurity;
import io.camelot.listener.ListenerServer;
import io.camelot.listener.MethodRegistry;
import io.camelot.protocol.crypto.CryptoProviders;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.security.DevCertificates;
import io.camelot.security.PemFiles;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import io.camelot.security.ServerTls;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.Workloads;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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

      CamelotConfig.Listener l = config.listener();
      ListenerConfig listenerConfig =
          new ListenerConfig(
              l.host(), l.port(), l.maxBodyBytes(), l.syncMode(),
              Duration.ofMillis(l.syncWaitCapMs()), l.operatorMethods(),
              listenerSecurity(config.security(), dataDir, l.host(), clock));
      listener =
          new ListenerServer(
              vertx,
              listenerConfig,
              new JsonRpcDispatcher(
                  MethodRegistry.directModel(store, queue, listenerConfig), listenerConfig.security()));
      listener.start();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  static ListenerSecurity listenerSecurity(CamelotConfig.Security s, Path dataDir, String host, Clock clock) {
    ServerTls tls =
        switch (s.tls()) {
          case CamelotConfig.Security.TLS_DEV -> DevCertificates.ensureSelfSigned(dataDir.resolve("tls"), List.of(host));
          case CamelotConfig.Security.TLS_ON -> {
            if (s.tlsCert().isEmpty() || s.tlsKey().isEmpty()) {
              throw new IllegalArgumentException("[security] tls = \"on\" needs tls_cert and tls_key");
            }
            yield new ServerTls(
                Path.of(s.tlsCert()), Path.of(s.tlsKey()), s.tlsClientCa().isEmpty() ? null : Path.of(s.tlsClientCa()));
          }
          default -> null;
        };
    RequestAuthenticator operators =
        s.operatorKeys().isEmpty()
            ? null
            : new RequestAuthenticator(
                PemFiles.readPublicKeys(Path.of(s.operatorKeys())), clock, Duration.ofSeconds(s.operatorWindowSeconds()));
    return new ListenerSecurity(
        tls, operators,
        new RateLimiter.Limit(s.ratePerAddress(), s.burstPerAddress()),
        new RateLimiter.Limit(s.ratePerRequester(), s.burstPerRequester()),
        s.maxItems(), s.maxItemChars());
  }

  private static Tee openTee(CamelotConfig.Worker worker, Path dataDir, Clock clock) {
    if (CamelotConfig.Worker.GRAMINE.equals(worker.tee())) {
      DcapCollateral collateral =
          worker.collateralDir().isEmpty() ? null : DcapCollateral.fromDirectory(Path.of(worker.collateralDir()));
      return new GramineTee(GramineTee.DEFAULT_DIRECTORY, collateral);
    }
    return SimulatedTee.open(dataDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), clock);
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

  @Override
  public void close() {
    listener.close();
    queue.close();
    notifier.close();
    vertx.close().await();
    store.close();
  }
}
