package io.camelot.server;

import io.camelot.attestation.Tee;
import io.camelot.listener.CompletionNotifier;
import io.camelot.ops.AdminServer;
import io.camelot.ops.OtlpTracing;
import io.camelot.ops.Telemetry;
import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.SharedQueueWorker;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerKeys;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A worker process ({@code camelot worker}): one singleton worker that registers in the shared
 * store's Worker Directory and drains its work orders from the shared queue. Its keys are sealed to
 * its TEE in its own local data directory (never on shared storage). Several processes may serve
 * different workers against one database; completions reach the listeners through the database.
 */
public final class WorkerNode implements AutoCloseable {
  private final PostgresTcsStore store;
  private final SingletonWorker worker;
  private final Vertx vertx;
  private final CompletionNotifier notifier;
  private final SharedQueueWorker drain;
  private final PrometheusMeterRegistry metrics = Telemetry.prometheus("worker");
  private final AdminServer admin;
  private final OtlpTracing tracing;

  private WorkerNode(CamelotConfig config) {
    config.crypto().use();
    boolean offerX25519 = config.worker().offersX25519();
    Path dataDir = Path.of(config.store().dataDir());
    Clock clock = Clock.systemUTC();
    store = PostgresTcsStore.open(ListenerNode.requireShared(config, "worker").postgresSettings());
    tracing = OtlpTracing.startIfConfigured(config.logging().otlpEndpoint(), "worker");
    try {
      Tee tee = TcsNode.openTee(config.worker(), dataDir, clock);
      var workerConfig = config.worker().toSettings();
      WorkerKeys keys =
          WorkerKeys.loadOrCreate(
              dataDir.resolve("workers").resolve(workerConfig.workerId() + ".keys.sealed"), tee, offerX25519);
      worker =
          new SingletonWorker(
              workerConfig, keys, tee, RuntimeWorkloads.workloads(config.workloads()), store, clock,
              RuntimeWorkloads.connectors(config.workloads(), dataDir, workerConfig.workerId(), tee, clock, store),
              metrics);
      worker.register();
      vertx = Vertx.vertx();
      // Work orders reach this process through the shared queue: the same hosts as the listeners'.
      notifier = CompletionNotifier.withDefaults(vertx, config.listener().allowedNotifyHosts(), metrics);
      drain =
          new SharedQueueWorker(
              store, worker.workerId(), worker, workerConfig.concurrency(), Duration.ofMillis(config.cluster().leaseMs()));
      drain.addCompletionListener(notifier);
      drain.start();
      admin = ScaleOutAdmin.startIfEnabled(vertx, config.admin(), metrics, store);
    } catch (RuntimeException e) {
      tracing.close();
      store.close();
      throw e;
    }
  }

  public static WorkerNode start(CamelotConfig config) {
    return new WorkerNode(config);
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
    if (admin != null) {
      admin.close();
    }
    drain.close();
    notifier.close();
    vertx.close().await();
    tracing.close();
    store.close();
  }
}
