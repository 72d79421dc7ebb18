package io.camelot.server;

import io.camelot.listener.JsonRpcDispatcher;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.ListenerServer;
import io.camelot.listener.MethodRegistry;
import io.camelot.ops.AdminServer;
import io.camelot.ops.OtlpTracing;
import io.camelot.ops.Telemetry;
import io.camelot.server.config.StoreSection;
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
  private final PostgresTcsStore store;
  private final SharedWorkOrderQueue queue;
  private final Vertx vertx;
  private final ListenerServer listener;
  private final PrometheusMeterRegistry metrics = Telemetry.prometheus("listener");
  private final AdminServer admin;
  private final OtlpTracing tracing;

  private ListenerNode(CamelotConfig config) {
    config.crypto().use();
    store = PostgresTcsStore.open(requireShared(config, "listener").postgresSettings());
    tracing = OtlpTracing.startIfConfigured(config.logging().otlpEndpoint(), "listener");
    try {
      queue = new SharedWorkOrderQueue(store, config.queue().toSettings(), Clock.systemUTC());
      vertx = Vertx.vertx();
      ListenerConfig listenerConfig =
          config.listenerConfig(Path.of(config.store().dataDir()), Clock.systemUTC());
      listener =
          new ListenerServer(
              vertx, listenerConfig, new JsonRpcDispatcher(
                  MethodRegistry.directModel(store, queue, listenerConfig, metrics), listenerConfig.security(), metrics));
      listener.start();
      admin = ScaleOutAdmin.startIfEnabled(vertx, config.admin(), metrics, store);
    } catch (RuntimeException e) {
      tracing.close();
      store.close();
      throw e;
    }
  }

  public static ListenerNode start(CamelotConfig config) {
    return new ListenerNode(config);
  }

  static StoreSection requireShared(CamelotConfig config, String command) {
    if (!config.store().postgres()) {
      throw new IllegalArgumentException(
          "camelot " + command + " shares its store with other processes: configure [store] backend = \"postgres\""
              + " and url = \"jdbc:postgresql://host:port/database\" (see docs/scale-out.md)");
    }
    return config.store();
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
    if (admin != null) {
      admin.close();
    }
    listener.close();
    queue.close();
    vertx.close().await();
    tracing.close();
    store.close();
  }
}
