package io.camelot.jsonrpc;

import io.camelot.protocol.ErrorCode;
import io.camelot.security.AddressRanges;
import io.camelot.security.RequestAuthenticator;
import io.camelot.security.ServerTls;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a JSON-RPC endpoint, as Avalon clients expect it: any path, POST only, status
 * 200 for every JSON-RPC answer, and {@code Content-Type} exactly {@code application/json} (the
 * Python client drops any other value, even with a charset). The event loop only moves bytes;
 * dispatch, which does blocking store I/O and may wait for a result, runs on a virtual thread per
 * request.
 */
public final class RpcServer implements AutoCloseable {
    /**
     * @param api what the endpoint serves, for the log
     * @param host interface to bind
     * @param port TCP port; 0 picks a free one
     * @param maxBodyBytes larger request bodies are refused without being read
     * @param tls null: plain HTTP (Avalon's wire); otherwise HTTPS, or mutual TLS if it names a
     *     client CA
     * @param signedCallsOnly null: every body is read and dispatched; otherwise every call must be
     *     signed by one of its keys (the dispatcher's chain checks the signature), and a caller whose
     *     header fails the checks that need no body (form, key, time, audience) is refused without
     *     its body being read, let alone parsed
     * @param trustedProxies peers whose {@code X-Forwarded-For} names the caller (review L7): a
     *     request from one of them is the rightmost forwarded address that is not itself a trusted
     *     proxy, and is never a loopback caller, since everything behind a same-host proxy would be
     *     (review L2); from anyone else the header is ignored
     */
    public record Settings(
            String api,
            String host,
            int port,
            int maxBodyBytes,
            ServerTls tls,
            RequestAuthenticator signedCallsOnly,
            AddressRanges trustedProxies) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
            }
        }
    }

    /** Most of an oversized body read and dropped after the answer, before the connection is cut. */
    private static final long DISCARD_LIMIT_BYTES = 16L << 20;

    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);
    private static final String APPLICATION_JSON = "application/json";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final long STARTUP_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final Settings settings;
    private final JsonRpcDispatcher dispatcher;
    private final RefusalLog refusals = new RefusalLog();
    private final ExecutorService dispatchThreads = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;

    public RpcServer(Vertx vertx, Settings settings, JsonRpcDispatcher dispatcher) {
        this.vertx = vertx;
        this.settings = settings;
        this.dispatcher = dispatcher;
    }

    /** Binds and returns once the endpoint accepts connections. */
    public void start() {
        HttpServerOptions options =
                new HttpServerOptions().setHost(settings.host()).setPort(settings.port());
        ServerTls tls = settings.tls();
        if (tls != null) {
            tls.applyTo(options);
        }
        HttpServer created = vertx.createHttpServer(options).requestHandler(this::accept);
        server = await(created.listen(), "bind " + settings.host() + ":" + settings.port());
        log.info(
                "Listening for {} on {}://{}:{}{}",
                settings.api(),
                scheme(),
                settings.host(),
                server.actualPort(),
                tls != null && tls.mutual() ? " (mutual TLS)" : "");
    }

    /** {@code https} when TLS is configured, else {@code http}. */
    public String scheme() {
        return settings.tls() != null ? "https" : "http";
    }

    /** The bound port (the chosen one when configured with port 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the server is not started");
        }
        return server.actualPort();
    }

    @Override
    public void close() {
        if (server != null) {
            await(server.close(), "close the HTTP server");
            server = null;
        }
        dispatchThreads.close();
    }

    private void accept(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            reply(request, JsonRpcDispatcher.transportError("Only POST request is supported"));
            return;
        }
        String declaredLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declaredLength != null && exceedsLimit(declaredLength)) {
            refuseOversize(request);
            return;
        }
        if (settings.signedCallsOnly() != null) {
            Caller caller = caller(request);
            var refused = settings.signedCallsOnly().refusalBeforeBody(caller.authorization());
            if (refused.isPresent()) {
                refusals.refused("Request", caller, refused.get().reason());
                answerAndDiscard(
                        request,
                        JsonRpcDispatcher.refusal(
                                ErrorCode.ACCESS_DENIED.code(),
                                "Request refused: " + refused.get().reason()));
                return;
            }
        }
        Context context = vertx.getOrCreateContext();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > settings.maxBodyBytes()) {
                refuseOversize(request);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (request.response().ended()) {
                return;
            }
            byte[] bytes = body.getBytes();
            Caller caller = caller(request);
            dispatchThreads.execute(() -> {
                byte[] answer = dispatcher.handle(bytes, caller);
                context.runOnContext(ignored -> reply(request, answer));
            });
        });
        request.exceptionHandler(e -> log.debug("Request from {} failed: {}", request.remoteAddress(), e.toString()));
    }

    private Caller caller(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!settings.trustedProxies().contains(peer)) {
            return new Caller(peer, isLoopback(peer), authorization);
        }
        return new Caller(forwardedClient(request.headers().getAll(FORWARDED_FOR), peer), false, authorization);
    }

    /**
     * The rightmost address of the X-Forwarded-For chain that is not a trusted proxy: the last hop
     * a trusted proxy saw, which a client cannot forge by sending its own header first. Without a
     * usable header the proxy itself is the caller.
     */
    private String forwardedClient(List<String> headers, String peer) {
        List<String> hops = headers.stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .map(String::strip)
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (AddressRanges.literal(AddressRanges.normalize(hop)) == null) {
                return peer;
            }
            if (!settings.trustedProxies().contains(hop)) {
                return AddressRanges.normalize(hop);
            }
        }
        return peer;
    }

    // The socket gives an IP literal; matched as text so that no name is ever resolved.
    private static boolean isLoopback(String address) {
        String ip = address.startsWith("::ffff:") ? address.substring("::ffff:".length()) : address;
        return ip.startsWith("127.") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1");
    }

    private boolean exceedsLimit(String declaredLength) {
        try {
            return Long.parseLong(declaredLength.trim()) > settings.maxBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void refuseOversize(HttpServerRequest request) {
        answerAndDiscard(
                request,
                JsonRpcDispatcher.transportError("Request body exceeds " + settings.maxBodyBytes() + " bytes"));
    }

    /**
     * Answers at once, then discards the rest of the body. Closing while body bytes are still unread
     * would make the kernel reset the connection, which can destroy the answer before the client
     * reads it. On HTTP/1.x the answer says {@code Connection: close} and the connection closes once
     * the body ends; an HTTP/2 (h2c) connection carries other streams, so only the stream ends. A
     * body beyond {@link #DISCARD_LIMIT_BYTES} cuts the connection anyway.
     */
    private void answerAndDiscard(HttpServerRequest request, byte[] answer) {
        if (request.response().ended()) {
            return;
        }
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        if (http1) {
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        reply(request, answer);
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > DISCARD_LIMIT_BYTES) {
                request.connection().close();
            }
        });
        if (http1) {
            request.endHandler(end -> request.connection().close());
        }
    }

    private static Future<Void> reply(HttpServerRequest request, byte[] json) {
        return request.response()
                .setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
                .end(Buffer.buffer(json));
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out trying to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted trying to " + what, e);
        }
    }
}
