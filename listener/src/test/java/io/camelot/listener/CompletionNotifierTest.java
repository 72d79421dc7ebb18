package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.scheduler.QueuedWorkOrder;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionNotifierTest {
  @TempDir Path directory;
  private TestTcs tcs;
  private HttpServer receiver;
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<JsonNode> notices = new CopyOnWriteArrayList<>();

  /** A requester's endpoint that fails its first request, so delivery needs a retry. */
  @BeforeEach
  void start() {
    tcs = TestTcs.start(directory);
    receiver =
        tcs.vertx
            .createHttpServer()
            .requestHandler(request -> request.body().onSuccess(body -> {
              if (attempts.incrementAndGet() == 1) {
                request.response().setStatusCode(503).end();
              } else {
                notices.add(ProtocolJson.parse(body.getBytes()));
                request.response().setStatusCode(204).end();
              }
            }))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
  }

  @AfterEach
  void stop() {
    receiver.close().toCompletionStage().toCompletableFuture().join();
    tcs.close();
  }

  @Test
  void postsTheResultToNotifyUriRetryingAfterAFailure() {
    RequestSecrets secrets =
        tcs.seal(List.of(InputSpec.text("ping")), null, "http://127.0.0.1:" + receiver.actualPort() + "/done");
    String id = secrets.request().workOrderId();
    tcs.submit(secrets.request());
    await().atMost(Duration.ofSeconds(20)).until(() -> !notices.isEmpty());
    JsonNode notice = notices.getFirst();
    assertThat(notice.path("workOrderId").asText()).isEqualTo(id);
    assertThat(notice.path("result")).isEqualTo(tcs.awaitOutcome(id).path("result"));
    assertThat(attempts.get()).isEqualTo(2);
  }

  @Test
  void readsNotifyUriFromTheRawRequestAfterARecoveryAndSendsErrors() {
    RequestSecrets secrets =
        tcs.seal(List.of(InputSpec.text("ping")), null, "http://127.0.0.1:" + receiver.actualPort() + "/");
    byte[] raw = ProtocolJson.toBytes(JsonRpcRequest.of(
        "WorkOrderSubmit", 1, ProtocolJson.toTree(secrets.request())));
    byte[] error = "{\"error\":{\"code\":9,\"message\":\"Workload cannot be processed by this worker\"}}".getBytes(StandardCharsets.UTF_8);
    String id = secrets.request().workOrderId();
    tcs.notifier.completed(new QueuedWorkOrder(id, tcs.workerId(), null, raw), error);
    await().atMost(Duration.ofSeconds(20)).until(() -> !notices.isEmpty());
    assertThat(notices.getFirst().path("workOrderId").asText()).isEqualTo(id);
    assertThat(notices.getFirst().path("error").path("code").asInt()).isEqualTo(9);
  }
}
