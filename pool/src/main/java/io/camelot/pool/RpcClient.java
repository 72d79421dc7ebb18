package io.camelot.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.security.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking JSON-RPC 2.0 client for the pool's internal APIs (Key Management, Redirect, work order
 * processing). Every request carries this process's signature ({@link PeerSecurity}), so a call
 * added anywhere is signed without further thought. Errors the peer answers become {@link
 * RpcCallException}; a peer that cannot be reached or answers garbage becomes {@link
 * PeerUnavailableException}, which callers treat as "try another instance". Thread-safe.
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
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(SignedRequests.HEADER, security.signer().authorization(SignedRequests.audience(uri), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<byte[]> response = security.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new PeerUnavailableException(method + " to " + uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new PeerUnavailableException(method + " to " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(method + " to " + uri + " was interrupted", e);
        }
    }

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
