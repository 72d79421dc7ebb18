package io.camelot.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.CompletionListener;
import io.camelot.scheduler.QueuedWorkOrder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs {@code {"workOrderId", "result"|"error"}} to a work order's notifyUri once it completes.
 * The work order path never waits for this: the POST runs on Vert.x, and a failed attempt (no
 * connection, or a status other than 2xx) is retried after a doubling delay, then logged.
 */
public final class CompletionNotifier implements CompletionListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CompletionNotifier.class);
  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

  private final Vertx vertx;
  private final HttpClient client;
  private final int maxAttempts;
  private final Duration firstRetryDelay;

  /**
   * @param maxAttempts attempts in all, the first at once
   * @param firstRetryDelay the delay before the second attempt; each further delay doubles
   */
  public CompletionNotifier(Vertx vertx, int maxAttempts, Duration firstRetryDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.maxAttempts = maxAttempts;
    this.firstRetryDelay = firstRetryDelay;
  }

  /** Five attempts, retried after 0.5, 1, 2 and 4 seconds. */
  public static CompletionNotifier withDefaults(Vertx vertx) {
    return new CompletionNotifier(vertx, 5, Duration.ofMillis(500));
  }

  @Override
  public void completed(QueuedWorkOrder workOrder, byte[] response) {
    String uri = notifyUri(workOrder);
    if (uri == null || uri.isBlank()) {
      return;
    }
    ObjectNode notice = JsonNodeFactory.instance.objectNode().put("workOrderId", workOrder.workOrderId());
    notice.setAll((ObjectNode) ProtocolJson.parse(response));
    attempt(uri.trim(), workOrder.workOrderId(), Buffer.buffer(ProtocolJson.toBytes(notice)), 1);
  }

  @Override
  public void close() {
    client.close();
  }

  private void attempt(String uri, String workOrderId, Buffer notice, int attempt) {
    RequestOptions options;
    try {
      options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(uri)
              .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    } catch (RuntimeException e) {
      log.warn("Work order {}: notifyUri '{}' is not a usable URL; no notification sent", workOrderId, uri);
      return;
    }
    client
        .request(options)
        .compose(request -> request.send(notice))
        .compose(this::requireSuccess)
        .onSuccess(done -> log.debug("Work order {}: notified {}", workOrderId, uri))
        .onFailure(
            failure -> {
              if (attempt >= maxAttempts) {
                log.warn(
                    "Work order {}: notifying {} failed {} times, giving up: {}",
                    workOrderId, uri, attempt, failure.toString());
                return;
              }
              long delay = firstRetryDelay.toMillis() << (attempt - 1);
              vertx.setTimer(Math.max(1, delay), timer -> attempt(uri, workOrderId, notice, attempt + 1));
            });
  }

  private Future<Void> requireSuccess(HttpClientResponse response) {
    return response
        .body()
        .compose(
            body ->
                response.statusCode() / 100 == 2
                    ? Future.succeededFuture()
                    : Future.failedFuture("HTTP status " + response.statusCode()));
  }

  /** The notifyUri of the request; parsed from the stored text when the queue recovered it. */
  private static String notifyUri(QueuedWorkOrder workOrder) {
    WorkOrderSubmitParams params = workOrder.params();
    if (params == null) {
      try {
        JsonNode request = ProtocolJson.parse(workOrder.rawRequest());
        params = Params.workOrderSubmit(request.get("params"));
      } catch (RuntimeException e) {
        log.warn("Work order {}: stored request unreadable, no notification: {}", workOrder.workOrderId(), e.toString());
        return null;
      }
    }
    return params.notifyUri();
  }
}
