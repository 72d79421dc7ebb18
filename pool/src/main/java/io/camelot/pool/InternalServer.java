package io.camelot.pool;

import io.camelot.listener.JsonRpcDispatcher;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.ListenerSecurity;
import io.camelot.listener.ListenerServer;
import io.camelot.listener.MethodRegistry;
import io.camelot.listener.Permission;
import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * A pool-internal JSON-RPC endpoint (WKM, WP or Worker Manager), served by the listener's own HTTP
 * server, dispatcher and registry. Every method is privileged: the dispatcher's operator check
 * runs with the pool peers' keys, so a call without a valid signature from a listed peer key, or a
 * replayed one, is refused with code 3 (access denied) before the method sees it.
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

  public static InternalServer start(String host, int port, List<RpcMethod> methods, PeerSecurity security) {
    Vertx vertx = Vertx.vertx();
    ListenerSecurity peersOnly =
        ListenerSecurity.defaults().withTls(security.serverTls()).withOperatorAuth(security.peers());
    ListenerConfig config =
        new ListenerConfig(host, port, MAX_BODY_BYTES, false, Duration.ofSeconds(1), true, peersOnly);
    List<RpcMethod> privileged = methods.stream().<RpcMethod>map(PeersOnly::new).toList();
    ListenerServer server =
        new ListenerServer(vertx, config, new JsonRpcDispatcher(new MethodRegistry(privileged, true), peersOnly));
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
    return server.scheme() + "://" + host + ":" + server.port();
  }

  @Override
  public void close() {
    server.close();
    vertx.close().await();
  }

  /** A pool-internal method: callable only with a request signed by a pool peer. */
  private record PeersOnly(RpcMethod method) implements RpcMethod {
    @Override
    public String name() {
      return method.name();
    }

    @Override
    public Permission permission() {
      return Permission.OPERATOR;
    }

    @Override
    public boolean paramsOptional() {
      return method.paramsOptional();
    }

    @Override
    public RpcOutcome invoke(RpcCall call) {
      return method.invoke(call);
    }
  }
}
