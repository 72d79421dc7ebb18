package io.camelot.pool;

import io.camelot.jsonrpc.AuthenticatingProcessor;
import io.camelot.jsonrpc.InvokingProcessor;
import io.camelot.jsonrpc.JsonRpcDispatcher;
import io.camelot.jsonrpc.MethodRegistry;
import io.camelot.jsonrpc.RateLimitingProcessor;
import io.camelot.jsonrpc.RpcDecorator;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.jsonrpc.RpcRequest;
import io.camelot.jsonrpc.RpcServer;
import io.camelot.protocol.ErrorCode;
import io.camelot.security.AddressRanges;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool-internal JSON-RPC endpoint (WKM, WP or Worker Manager). Its policy: every method needs a
 * request signed by a pool peer's key, so a call without a valid signature from a listed peer key,
 * or a replayed one, is refused with code 3 (access denied) before the method sees it, and a caller
 * whose header alone fails is refused before its body is read. A signature names the host:port the
 * caller addressed; this server serves only those naming its own port, so a call captured on its way
 * to one pool server cannot be replayed at another (they listen on different ports on one host), and
 * none signed before it started (security review L1). Then each method serves only the roles it
 * declares ({@link PoolApi#CALLERS}): a member of another role gets code 3 too, and the method does
 * not run. Calls are limited per address only: pool peers name no requester.
 */
public final class InternalServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InternalServer.class);
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

    /** Serves {@code methods} to the roles {@link PoolApi#CALLERS} names for them. */
    public static InternalServer start(String host, int port, List<RpcMethod<?>> methods, PeerSecurity security) {
        return start(host, port, methods, PoolApi.CALLERS, security);
    }

    /**
     * @param callers the roles each method serves, by method name; every method must have an entry
     */
    public static InternalServer start(
            String host,
            int port,
            List<RpcMethod<?>> methods,
            Map<String, Set<PoolRole>> callers,
            PeerSecurity security) {
        for (RpcMethod<?> method : methods) {
            if (!callers.containsKey(method.name())) {
                throw new IllegalArgumentException(method.name() + " declares no roles that may call it");
            }
        }
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
                        AuthenticatingProcessor.signedCallsOnly(
                                new RoleCheck(new InvokingProcessor(), callers, security.roles()), peers),
                        PER_ADDRESS));
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

    /** Lets an authenticated call through only if its signer's role is one its method serves. */
    private static final class RoleCheck extends RpcDecorator {
        private final Map<String, Set<PoolRole>> callers;
        private final PoolPeers peers;

        RoleCheck(InvokingProcessor next, Map<String, Set<PoolRole>> callers, PoolPeers peers) {
            super(next);
            this.callers = callers;
            this.peers = peers;
        }

        @Override
        public RpcOutcome process(RpcRequest request) {
            if (request.method().isEmpty()) {
                return next.process(request);
            }
            Optional<PoolRole> role = peers.roleOf(request.signer());
            if (role.filter(callers.get(request.methodName())::contains).isEmpty()) {
                String named = role.map(PoolRole::label).orElse("unlisted key");
                log.warn("{} refused: a {} may not call it", request.methodName(), named);
                return RpcOutcome.error(
                        ErrorCode.ACCESS_DENIED.code(),
                        request.methodName() + " refused: the pool role '" + named + "' may not call it");
            }
            return next.process(request);
        }
    }
}
