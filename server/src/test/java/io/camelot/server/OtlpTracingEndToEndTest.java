package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A work order's stages reach an OTLP/HTTP receiver as spans of the work order's trace: a tiny
 * receiver in the test decodes what the exporter posts to {@code /v1/traces}.
 */
class OtlpTracingEndToEndTest {
    @TempDir
    Path dataDir;

    final List<Span> received = new CopyOnWriteArrayList<>();
    Vertx vertx;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    @AfterEach
    void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void listenerQueueAndWorkerSpansCarryTheWorkOrdersTraceId() throws Exception {
        vertx = Vertx.vertx();
        HttpServer receiver = vertx.createHttpServer()
                .requestHandler(request -> {
                    if (request.method() != HttpMethod.POST || !request.path().equals("/v1/traces")) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    request.body().onSuccess(body -> {
                        try {
                            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body.getBytes());
                            export.getResourceSpansList()
                                    .forEach(resource -> resource.getScopeSpansList()
                                            .forEach(scope -> received.addAll(scope.getSpansList())));
                            request.response()
                                    .putHeader("Content-Type", "application/x-protobuf")
                                    .end();
                        } catch (Exception e) {
                            request.response().setStatusCode(400).end(e.toString());
                        }
                    });
                })
                .listen(0, "127.0.0.1")
                .await();
        TcsNode node = tcs.start(TestConfigs.loopback(dataDir)
                .otlpEndpoint("http://127.0.0.1:" + receiver.actualPort())
                .build());
        String workOrderId;
        try (DirectTcsClient client = DirectTcsClient.create(node.url("127.0.0.1"))) {
            Requester requester = Requester.builder(client).allowSimulation().build();
            SubmittedWorkOrder submitted = requester
                    .newWorkOrder(requester.worker(node.worker().workerId()), "echo-result")
                    .input("traced")
                    .submit();
            assertThat(submitted.await(Duration.ofSeconds(120)).text(0)).isEqualTo("RESULT: traced");
            workOrderId = submitted.workOrderId();
        }
        // Closing flushes the batched spans.
        tcs.stop();

        String traceId = WorkOrderTrace.traceId(workOrderId);
        Map<String, Span> spans = received.stream()
                .filter(span -> HexFormat.of()
                        .formatHex(span.getTraceId().toByteArray())
                        .equals(traceId))
                .collect(Collectors.toMap(Span::getName, Function.identity()));
        assertThat(spans).containsOnlyKeys("camelot.listener.submit", "camelot.queue.run", "camelot.worker.process");
        // The worker runs inside the queue's stage on one thread: its span is the queue span's child.
        assertThat(spans.get("camelot.worker.process").getParentSpanId())
                .isEqualTo(spans.get("camelot.queue.run").getSpanId());
        assertThat(spans.get("camelot.listener.submit").getAttributesList()).anySatisfy(attribute -> {
            assertThat(attribute.getKey()).isEqualTo("camelot.work_order_id");
            assertThat(attribute.getValue().getStringValue()).isEqualTo(workOrderId);
        });
    }
}
