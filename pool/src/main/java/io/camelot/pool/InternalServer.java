package io.camelot.pool;

import io.camelot.jsonrpc.AuthenticatingProcessor;
import io.camelot.jsonrpc.InvokingProcessor;
import io.camelot.jsonrpc.JsonRpcDispatcher;
import io.camelot.jsonrpc.MethodRegistry;
import io.camelot.jsonrpc.RateLimitingProcessor;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcServer;
import io.camelot.security.AddressRanges;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool-internal JSON-RPC endpoint (WKM, WP or Worker Manager). Its policy: every method needs a
 * request signed by a pool peer's key, so a call without a valid signature from a listed peer key,
 * or a replayed one, is refused with code 3 (access denied) before the method sees it, and a caller
 * whose header alone fails is refused before its body is read. A signature names the host:port the
 * caller addressed; this server serves only those naming its own port, so a call captured on its way
 * to one pool server cannot be replayed at another (they listen on different ports on one host), and
 * none signed before it started (security review L1). Calls are limited per address only: pool peers
 * name no requester.
 */
public final class InternalServer implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 16 << 20;

    /** Far above what a pool's peers send; a bound on what a stolen peer key could do. */
    private static final RateLimiter.Limit PER_ADDRESS = new RateLimiter.Limit(10_000, 20_000);

    private final Vertx vertx;
    private final RpcServer server;
    private final String host;

    private InternalServer(Vertx vertx, RpcServer server, String host) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
    }

    public static InternalServer start(String host, int port, List<RpcMethod<?>> methods, PeerSecurity security) {
        // Known once bound when the port is 0; no call can name it before.
        AtomicInteger boundPort = new AtomicInteger(port);
        RequestAuthenticator peers =
                security.peersAddressing(audience -> boundPort.get() != 0 && audience.endsWith(":" + boundPort.get()));
        Vertx vertx = Vertx.vertx();
        RpcServer.Settings settings = new RpcServer.Settings(
                "pool-internal JSON-RPC",
                host,
                port,
                MAX_BODY_BYTES,
                security.serverTls(),
                peers,
                AddressRanges.none());
        JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(
                new MethodRegistry(methods),
                RateLimitingProcessor.perAddress(
                        AuthenticatingProcessor.signedCallsOnly(new InvokingProcessor(), peers), PER_ADDRESS));
        RpcServer server = new RpcServer(vertx, settings, dispatcher);
        try {
            server.start();
            boundPort.set(server.port());
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
}
