package io.camelot.pool;

import io.camelot.listener.JsonRpcDispatcher;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.ListenerServer;
import io.camelot.listener.MethodRegistry;
import io.camelot.listener.RpcMethod;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * A pool-internal JSON-RPC endpoint (WKM, WP or Worker Manager), served by the listener's own HTTP
 * server, dispatcher and registry. It binds to loopback unless told otherwise: these APIs carry
 * no caller authentication yet, so they must not be reachable from outside the host.
 */
public final class InternalServer implements AutoCloseable {
  private static final int MAX_BODY_BYTES = 16 << 20;

  private final Vertx vertx;
  private final ListenerServer server;
  private final String host;

  private InternalServer(Vertx vertx, ListenerServer server, String host) {
    this.vertx = vertx;
    this.server = server;
    this.host = host;
  }

  public static InternalServer start(String host, int port, List<RpcMethod> methods) {
    Vertx vertx = Vertx.vertx();
    ListenerConfig config =
        new ListenerConfig(host, port, MAX_BODY_BYTES, false, Duration.ofSeconds(1), false);
    ListenerServer server =
        new ListenerServer(vertx, config, new JsonRpcDispatcher(new MethodRegistry(methods, false)));
    try {
      server.start();
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    return new InternalServer(vertx, server, host);
  }

  public int port() {
    return server.port();
  }

  public String url() {
    return "http://" + host + ":" + server.port();
  }

  @Override
  public void close() {
    server.close();
    vertx.close().await();
  }
}
