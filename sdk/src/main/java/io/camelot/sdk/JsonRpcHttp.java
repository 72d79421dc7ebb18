package io.camelot.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JSON-RPC 2.0 call as one blocking HTTP POST, with Avalon's strict reply rules. */
final class JsonRpcHttp {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcHttp.class);
    private static final String JSON = "application/json";
    private static final int BODY_EXCERPT = 200;

    private final HttpClient http;
    private final String url;
    private final Duration timeout;
    private final WireLog wireLog;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param wireLog null for none
     */
    JsonRpcHttp(HttpClient http, String url, Duration timeout, WireLog wireLog) {
        this.http = http;
        this.url = url;
        this.timeout = timeout;
        this.wireLog = wireLog;
    }

    String url() {
        return url;
    }

    RpcReply call(String method, Object params) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException(
                    method + " blocks until the TCS answers and must not run on a Vert.x event loop");
        }
        long id = ids.incrementAndGet();
        Buffer body = Buffer.buffer(ProtocolJson.toBytes(JsonRpcRequest.of(method, id, ProtocolJson.toTree(params))));
        long millis = timeout.toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setConnectTimeout(millis)
                // Frees the connection of a request we stopped waiting for.
                .setIdleTimeout(millis)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        LOG.debug("{} id {} to {}", method, id, url);
        log(WireLog.Direction.REQUEST, body);
        Future<HttpReply> exchange = http.request(options).compose(request -> {
            // Attach to the response before sending: in Vert.x 5 a body that arrives before
            // body() is called is dropped, and the reply then reads as empty.
            Future<HttpReply> reply = request.response()
                    .compose(response -> response.body()
                            .map(bytes -> new HttpReply(
                                    response.statusCode(), response.getHeader(HttpHeaders.CONTENT_TYPE), bytes)));
            return request.end(body).compose(sent -> reply);
        });
        HttpReply reply = await(method, exchange, millis);
        log(WireLog.Direction.RESPONSE, reply.body());
        return parse(method, id, reply);
    }

    private void log(WireLog.Direction direction, Buffer body) {
        if (wireLog != null) {
            wireLog.exchanged(direction, url, body.getBytes());
        }
    }

    private record HttpReply(int status, String contentType, Buffer body) {}

    private HttpReply await(String method, Future<HttpReply> exchange, long millis) {
        try {
            return exchange.toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(method, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw timedOut(method, cause);
            }
            throw new TcsTransportException(method + " to " + url + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TcsException(method + " to " + url + " was interrupted", e);
        }
    }

    private TcsTimeoutException timedOut(String method, Throwable cause) {
        return new TcsTimeoutException(
                method + " to " + url + " got no answer within " + timeout.toMillis() + " ms", cause);
    }

    private RpcReply parse(String method, long id, HttpReply reply) {
        if (reply.status() != 200) {
            throw new TcsTransportException(
                    method + " to " + url + " answered HTTP " + reply.status() + ": " + excerpt(reply.body()));
        }
        // Avalon's client accepts exactly this value; a charset suffix means a non-Avalon server.
        if (!JSON.equals(reply.contentType())) {
            throw new TcsTransportException(method
                    + " to "
                    + url
                    + " answered Content-Type '"
                    + reply.contentType()
                    + "', expected exactly '"
                    + JSON
                    + "'");
        }
        JsonNode envelope;
        try {
            envelope = ProtocolJson.parse(reply.body().getBytes());
        } catch (EeaException e) {
            throw new TcsTransportException(method + " to " + url + " answered malformed JSON: " + e.getMessage(), e);
        }
        // Avalon's pre-dispatch validation errors carry no id, so only a present id is compared.
        JsonNode replyId = envelope.get("id");
        boolean sameId = replyId != null && replyId.canConvertToLong() && replyId.asLong() == id;
        if (replyId != null && !replyId.isNull() && !sameId) {
            throw new TcsTransportException(method + " to " + url + " answered id " + replyId + " to request id " + id);
        }
        JsonNode error = envelope.get("error");
        if (error != null && error.isObject()) {
            if (!error.path("code").canConvertToInt()) {
                throw new TcsTransportException(
                        method + " to " + url + " answered an error without an integer code: " + error);
            }
            JsonNode data = error.get("data");
            return new RpcReply(
                    null,
                    new JsonRpcError(
                            error.get("code").asInt(), error.path("message").asText(""), data));
        }
        if (!envelope.has("result")) {
            throw new TcsTransportException(
                    method + " to " + url + " answered neither result nor error: " + excerpt(reply.body()));
        }
        return new RpcReply(envelope.get("result"), null);
    }

    private static String excerpt(Buffer body) {
        String text = body.toString();
        return text.length() <= BODY_EXCERPT ? text : text.substring(0, BODY_EXCERPT) + "…";
    }
}
