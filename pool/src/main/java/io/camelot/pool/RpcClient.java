package io.camelot.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.security.SignedRequests;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking JSON-RPC 2.0 client for the pool's internal APIs (Key Management, Redirect, work order
 * processing). Every request carries this process's signature ({@link PeerSecurity}), so a call
 * added anywhere is signed without further thought. Errors the peer answers become {@link
 * RpcCallException}; a peer that cannot be reached or answers garbage becomes {@link
 * PeerUnavailableException}, which callers treat as "try another instance", and so does no answer
 * within the timeout. Thread-safe; a call blocks its thread (virtual or not, never a Vert.x event
 * loop) while {@link PeerSecurity}'s client sends it.
 */
public final class RpcClient {
    private final URI uri;
    private final Duration timeout;
    private final PeerSecurity security;
    private final AtomicLong ids = new AtomicLong();

    public RpcClient(String url, Duration timeout, PeerSecurity security) {
        this.uri = URI.create(url);
        this.timeout = timeout;
        this.security = security;
    }

    /** A client for another pool process, with this one's identity and timeout. */
    public RpcClient at(String url) {
        return new RpcClient(url, timeout, security);
    }

    public String url() {
        return uri.toString();
    }

    /** Sends a call and returns its {@code result}. */
    public JsonNode call(String method, Object params) {
        byte[] body =
                ProtocolJson.toBytes(JsonRpcRequest.of(method, ids.incrementAndGet(), ProtocolJson.toTree(params)));
        return result(method, send(method, body));
    }

    private byte[] send(String method, byte[] body) {
        long millis = timeout.toMillis();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(uri.toString())
                // Fails, and frees the connection of, a call nobody waits for any more.
                .setIdleTimeout(millis)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(SignedRequests.HEADER, security.signer().authorization(SignedRequests.audience(uri), body));
        try {
            Reply reply = security.client()
                    .request(request)
                    .compose(sending -> {
                        // Attached before sending: Vert.x 5 drops body bytes that arrive before body()
                        // is asked for, and the answer would then read as empty.
                        Future<Reply> answered = sending.response()
                                .compose(response -> response.body()
                                        .map(bytes -> new Reply(response.statusCode(), bytes.getBytes())));
                        return sending.end(Buffer.buffer(body)).compose(sent -> answered);
                    })
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(millis, TimeUnit.MILLISECONDS);
            if (reply.status() != 200) {
                throw new PeerUnavailableException(method + " to " + uri + " answered HTTP " + reply.status());
            }
            return reply.body();
        } catch (TimeoutException e) {
            throw new PeerUnavailableException(method + " to " + uri + " got no answer within " + millis + " ms", e);
        } catch (ExecutionException e) {
            throw new PeerUnavailableException(method + " to " + uri + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(method + " to " + uri + " was interrupted", e);
        }
    }

    private record Reply(int status, byte[] body) {}

    private JsonNode result(String method, byte[] responseBody) {
        JsonNode envelope;
        try {
            envelope = ProtocolJson.parse(responseBody);
        } catch (EeaException e) {
            throw new PeerUnavailableException(method + " to " + uri + " answered malformed JSON");
        }
        JsonNode error = envelope.get("error");
        if (error != null && error.isObject()) {
            throw new RpcCallException(
                    method, error.path("code").asInt(), error.path("message").asText(""), error.get("data"));
        }
        JsonNode result = envelope.get("result");
        if (result == null) {
            throw new PeerUnavailableException(method + " to " + uri + " answered neither result nor error");
        }
        return result;
    }
}
