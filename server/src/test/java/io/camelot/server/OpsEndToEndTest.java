package io.camelot.server;

import static io.camelot.server.AdminHttp.get;
import static io.camelot.server.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The operations layer of a live node: admin port, metrics, readiness, dashboard data, traces. */
class OpsEndToEndTest {
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    /** Submits one echo work order through the SDK and waits for its verified result. */
    static String submitEcho(DirectTcsClient client) {
        return submitEcho(client, false);
    }

    /** The same, and with a receipt when asked (the worker then appends its PROCESSED update). */
    static String submitEcho(DirectTcsClient client, boolean withReceipt) {
        Requester requester = Requester.builder(client)
                .requesterKey(Secp256k1.generate())
                .allowSimulation()
                .build();
        List<String> ids = requester.findWorkers(new WorkerLookUpParams(1, null, null, null, null));
        VerifiedWorker worker = requester.worker(ids.getFirst());
        SubmittedWorkOrder submitted =
                requester.newWorkOrder(worker, "echo-result").input("Hello").submit();
        assertThat(submitted.await().text(0)).isEqualTo("RESULT: Hello");
        if (withReceipt) {
            requester.createReceipt(submitted);
        }
        return submitted.workOrderId();
    }

    @Test
    void metricsReadinessAndDashboardDataFollowAWorkOrder() throws Exception {
        TcsNode node = tcs.start(TestConfigs.loopback(dataDir).admin().build());
        DirectTcsClient client = tcs.client();
        String admin = node.adminUrl("127.0.0.1").orElseThrow();

        HttpResponse<String> ready = get(admin + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode checks = json(ready).path("checks");
        assertThat(checks.properties())
                .extracting(e -> e.getKey() + "=" + e.getValue().asText())
                .containsExactly(
                        "store=UP", "worker-registered=UP", "keys-unsealed=UP", "unserved-work=UP", "listener=UP");

        String id = submitEcho(client, true);
        String workerId = WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME);

        String metrics = get(admin + "/metrics").body();
        assertThat(metrics)
                .contains("camelot_workorders_submitted_total{process=\"serve\"} 1.0")
                .contains("camelot_workorders_completed_total{code=\"0\",process=\"serve\",worker=\""
                        + workerId
                        + "\"} 1.0")
                .contains("camelot_rpc_requests_total{code=\"5\",method=\"WorkOrderSubmit\",process=\"serve\"} 1.0")
                .contains("camelot_queue_depth{process=\"serve\",worker=\"" + workerId + "\"}")
                .contains("camelot_queue_outstanding{process=\"serve\"} 0.0")
                .contains("camelot_workers_attached{process=\"serve\"} 1.0")
                .contains("camelot_workers_directory{process=\"serve\",status=\"ACTIVE\"} 1.0")
                .contains("camelot_workers_directory{process=\"serve\",status=\"COMPROMISED\"} 0.0");
        for (String stage : List.of("listener", "queue_wait", "decrypt", "workload", "sign", "store")) {
            assertThat(metrics)
                    .contains("camelot_workorder_stage_seconds_count{process=\"serve\",stage=\"" + stage + "\"} 1");
        }
        assertThat(metrics).contains("camelot_workorder_stage_seconds_bucket{process=\"serve\",stage=\"decrypt\",le=");

        JsonNode rows = json(get(admin + "/api/workorders"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("workOrderId").asText()).isEqualTo(id);
        assertThat(rows.get(0).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(rows.get(0).path("code").asInt()).isZero();
        assertThat(rows.get(0).has("durationMs")).isTrue();
        awaitNewestReceiptProcessed(admin);
        assertThat(rows.toString())
                .doesNotContain("RESULT")
                .doesNotContain("outData")
                .doesNotContain("inData");

        JsonNode overview = json(get(admin + "/api/overview"));
        JsonNode worker = overview.path("workers").get(0);
        assertThat(worker.path("workerId").asText()).isEqualTo(workerId);
        assertThat(worker.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(worker.path("attestation").path("kind").asText()).isEqualTo("SIMULATED");
        assertThat(worker.path("attestation").path("valid").asBoolean()).isFalse();
        assertThat(overview.path("totals").path("completedByCode").path("0").asDouble())
                .isEqualTo(1.0);
        assertThat(get(admin + "/metrics").body())
                .contains(
                        "camelot_attestation_verifications_total{kind=\"SIMULATED\",process=\"serve\",result=\"NO_EVIDENCE\"} 1.0");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(get(admin + "/api/series")).path("points").size() >= 2);
        assertThat(get(admin + "/").body()).contains("Recent work orders");
    }

    @Test
    void recentWorkOrdersSurviveARestartWithTheirErrorsReceiptsAndWorkerNames() throws Exception {
        TcsNode first = tcs.start(TestConfigs.loopback(dataDir).admin().build());
        String succeeded = submitEcho(tcs.client(), true);
        String firstAdmin = first.adminUrl("127.0.0.1").orElseThrow();
        awaitNewestReceiptProcessed(firstAdmin);
        Requester requester = tcs.requester();
        SubmittedWorkOrder failing = requester
                .newWorkOrder(requester.worker(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME)), "no-such-workload")
                .input("Hello")
                .submit();
        assertThatThrownBy(failing::await).isInstanceOf(TcsRpcException.class);
        tcs.stop();

        TcsNode node = tcs.start(TestConfigs.loopback(dataDir).admin().build());
        String admin = node.adminUrl("127.0.0.1").orElseThrow();
        JsonNode rows = json(get(admin + "/api/workorders"));
        assertThat(rows.findValuesAsText("workOrderId")).containsExactly(failing.workOrderId(), succeeded);
        assertThat(rows.findValuesAsText("workerName")).containsOnly(WorkerConfig.DEFAULT_NAME);
        JsonNode failed = rows.get(0);
        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("code").asInt()).isNotZero();
        assertThat(failed.path("error").asText()).isNotBlank();
        assertThat(failed.has("durationMs")).isTrue();
        JsonNode done = rows.get(1);
        assertThat(done.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.has("error")).isFalse();
        assertThat(done.path("receipt").asText()).isEqualTo("PROCESSED");
        assertThat(json(get(admin + "/api/overview"))
                        .path("workers")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo(WorkerConfig.DEFAULT_NAME);
    }

    @Test
    void rpcDiscoverIsServedByTheListener() throws Exception {
        TcsNode node = tcs.start(TestConfigs.loopback(dataDir).admin().build());
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(node.url("127.0.0.1")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode document = json(response).path("result");
        assertThat(document.path("openrpc").asText()).startsWith("1.");
        assertThat(document.path("methods").size()).isEqualTo(18);
    }

    @Test
    void everyStageLogsUnderTheWorkOrdersTraceIdAcrossThreads() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger trace = context.getLogger(WorkOrderTrace.LOG.getName());
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(context);
        events.start();
        Level before = trace.getLevel();
        trace.setLevel(Level.DEBUG);
        trace.addAppender(events);
        try {
            tcs.start(TestConfigs.loopback(dataDir).admin().build());
            String id = submitEcho(tcs.client());
            String traceId = WorkOrderTrace.traceId(id);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.list.stream()
                            .anyMatch(e -> e.getFormattedMessage().startsWith("completed")));
            List<ILoggingEvent> mine = events.list.stream()
                    .filter(e -> traceId.equals(e.getMDCPropertyMap().get(WorkOrderTrace.TRACE_ID)))
                    .toList();
            assertThat(mine)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.startsWith("received for worker"))
                    .anyMatch(m -> m.startsWith("admitted for worker"))
                    .anyMatch(m -> m.startsWith("started after"))
                    .anyMatch(m -> m.contains("decrypt") && m.contains("workload") && m.contains("sign"))
                    .anyMatch(m -> m.startsWith("stored outcome code 0"))
                    .anyMatch(m -> m.startsWith("completed"));
            Set<String> threads =
                    mine.stream().map(ILoggingEvent::getThreadName).collect(Collectors.toSet());
            assertThat(threads).as("listener and worker threads").hasSizeGreaterThanOrEqualTo(2);
            assertThat(mine).allMatch(e -> id.equals(e.getMDCPropertyMap().get(WorkOrderTrace.WORK_ORDER_ID)));
        } finally {
            trace.detachAppender(events);
            trace.setLevel(before);
        }
    }

    /** Waits until the dashboard at {@code admin} shows the newest work order's receipt PROCESSED. */
    private static void awaitNewestReceiptProcessed(String admin) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> json(get(admin + "/api/workorders"))
                                .get(0)
                                .path("receipt")
                                .asText(),
                        "PROCESSED"::equals);
    }
}
