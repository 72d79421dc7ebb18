package io.camelot.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.security.SignedRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking JSON-RPC 2.0 client for the pool's internal APIs (Key Management, Redirect, work order
 * processing). Every request carries this process's signature ({@link PeerSecurity}), so a call
 * added anywhere is signed without further thought. Errors the peer answers become {@link
 * RpcCallException}; a peer that cannot be reached or answers garbage becomes {@link
 * PeerUnavailableException}, which callers treat as "try another instance". Thread-safe.
 *
 * <p>Calls are blocking HTTP/1.1 POSTs on the JDK's {@link HttpURLConnection}, whose keep-alive
 * cache reuses a connection per peer: a call costs a write and a read on a warm socket, without the
 * asynchronous machinery of {@code java.net.http.HttpClient}, which cost the pool's processes more
 * CPU per call than the JSON they exchange (BENCHMARKS.md, "The pool's CPU per work order").
 */
public final class RpcClient {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

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
        HttpURLConnection connection = null;
        try {
            connection = security.open(uri.toURL());
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout((int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            // Streaming mode also stops the JDK from silently re-sending a POST on a stale kept-alive
            // connection: a re-sent call would be a replay to the peer.
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty(
                    SignedRequests.HEADER, security.signer().authorization(SignedRequests.audience(uri), body));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status != 200) {
                // Reading the error body to its end keeps the connection for the next call.
                try (InputStream error = connection.getErrorStream()) {
                    if (error != null) {
                        error.transferTo(OutputStream.nullOutputStream());
                    }
                }
                throw new PeerUnavailableException(method + " to " + uri + " answered HTTP " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new PeerUnavailableException(method + " to " + uri + " failed: " + e, e);
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
