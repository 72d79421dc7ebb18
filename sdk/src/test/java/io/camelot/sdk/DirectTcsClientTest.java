package io.camelot.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.LookUpResult;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DirectTcsClient against a real local HTTP server scripted per test. */
class DirectTcsClientTest {
    private static final String WORK_ORDER_ID = "ab".repeat(32);

    /** Short, for the tests about timeouts; ordinary calls get a timeout a loaded machine meets. */
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);

    private static final Duration ORDINARY_TIMEOUT = Duration.ofSeconds(10);

    private static Vertx vertx;
    private static HttpServer server;
    private static volatile Handler<HttpServerRequest> script;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private DirectTcsClient client;

    private record Received(String method, String contentType, JsonNode body) {}

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer()
                .requestHandler(request -> script.handle(request))
                .listen(0, "127.0.0.1"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        await(vertx.close());
    }

    @BeforeEach
    void connect() {
        client = DirectTcsClient.builder(url(server.actualPort()))
                .callTimeout(ORDINARY_TIMEOUT)
                .build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void postsAJsonRpcEnvelopeWithIncreasingIntegerIds() {
        answerJson(id -> envelope(id).set("result", ProtocolJson.toTree(LookUpResult.of(List.of("aa")))));

        LookUpResult first = client.workerLookUp(new WorkerLookUpParams(1, null, null, null, null));
        client.workerLookUp(new WorkerLookUpParams(1, null, null, null, null));

        Received request = received.getFirst();
        assertThat(first.ids()).containsExactly("aa");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(request.body().get("method").asText()).isEqualTo("WorkerLookUp");
        assertThat(request.body().get("params"))
                .isEqualTo(ProtocolJson.mapper().createObjectNode().put("workerType", 1));
        assertThat(request.body().get("id").isIntegralNumber()).isTrue();
        assertThat(received.get(1).body().get("id").asLong())
                .isGreaterThan(request.body().get("id").asLong());
    }

    @Test
    void pendingErrorIsAPendingReply() {
        answerJson(id -> error(id, 5, "Work order is computing. Please query for WorkOrderGetResult"));

        SubmitReply reply = client.workOrderGetResult(WORK_ORDER_ID);

        assertThat(reply).isInstanceOf(SubmitReply.Pending.class);
        assertThat(received.getFirst().body().get("method").asText()).isEqualTo("WorkOrderGetResult");
        assertThat(received.getFirst().body().at("/params/workOrderId").asText())
                .isEqualTo(WORK_ORDER_ID);
    }

    @Test
    void resultIsACompletedReply() {
        WorkOrderResult result = new WorkOrderResult(
                WORK_ORDER_ID, "6563", "0b03", "cd", "nonce", "sig", List.of(), null, null, null, null);
        answerJson(id -> envelope(id).set("result", ProtocolJson.toTree(result)));

        assertThat(client.workOrderGetResult(WORK_ORDER_ID)).isEqualTo(new SubmitReply.Completed(result));
    }

    @Test
    void receiptCreateSuccessArrivesAsErrorCodeZero() {
        answerJson(id -> error(id, 0, "Receipt created successfully"));

        client.receiptCreate(
                new ReceiptCreateParams(WORK_ORDER_ID, null, null, null, 0L, "aGFzaA==", null, null, null, null));

        assertThat(received.getFirst().body().get("method").asText()).isEqualTo("WorkOrderReceiptCreate");
    }

    @Test
    void otherErrorsAreRpcExceptions() {
        answerJson(id -> error(id, 2, "Worker Id not found in the database. Hence invalid parameter"));

        assertThatThrownBy(() -> client.workerRetrieve("0b03")).isInstanceOfSatisfying(TcsRpcException.class, e -> {
            assertThat(e.code()).isEqualTo(2);
            assertThat(e.serverMessage()).isEqualTo("Worker Id not found in the database. Hence invalid parameter");
            assertThat(e.getMessage()).contains("WorkerRetrieve", url(server.actualPort()));
        });
    }

    @Test
    void pendingOnANonWorkOrderMethodIsAnRpcException() {
        answerJson(id -> error(id, 5, "no more lookup results"));

        assertThatThrownBy(() -> client.workerRetrieve("0b03"))
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(5));
    }

    @Test
    void contentTypeWithACharsetIsATransportFailure() {
        answer(
                200,
                "application/json; charset=utf-8",
                id -> error(id, 5, "pending").toString());

        assertThatThrownBy(() -> client.workOrderGetResult(WORK_ORDER_ID))
                .isInstanceOf(TcsTransportException.class)
                .hasMessageContaining("application/json; charset=utf-8");
    }

    @Test
    void htmlIsATransportFailure() {
        answer(200, "text/html", id -> "<html>proxy error</html>");

        assertThatThrownBy(() -> client.workOrderGetResult(WORK_ORDER_ID)).isInstanceOf(TcsTransportException.class);
    }

    @ParameterizedTest(name = "HTTP {0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {"500 | {}           | HTTP 500", "200 | '{\"result\": ' | malformed JSON"})
    void aFailedHttpAnswerOrMalformedJsonIsATransportFailure(int status, String body, String message) {
        answer(status, "application/json", id -> body);

        assertThatThrownBy(() -> client.workOrderGetResult(WORK_ORDER_ID))
                .isInstanceOf(TcsTransportException.class)
                .hasMessageContaining(message);
    }

    @Test
    void resultOfTheWrongShapeIsATransportFailure() {
        answerJson(id -> envelope(id).put("result", "not a worker"));

        assertThatThrownBy(() -> client.workerRetrieve("0b03"))
                .isInstanceOf(TcsTransportException.class)
                .hasMessageContaining("WorkerRecord");
    }

    @Test
    void silentServerTimesOutWithinTheCallTimeout() {
        script = request -> {};
        try (DirectTcsClient impatient = DirectTcsClient.builder(url(server.actualPort()))
                .callTimeout(CALL_TIMEOUT)
                .build()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> impatient.workOrderGetResult(WORK_ORDER_ID))
                    .isInstanceOf(TcsTimeoutException.class)
                    .hasMessageContaining("WorkOrderGetResult");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(CALL_TIMEOUT)
                    .isLessThan(CALL_TIMEOUT.multipliedBy(4));
        }
    }

    @Test
    void refusedConnectionIsATransportFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (DirectTcsClient refused = DirectTcsClient.builder(url(closedPort))
                .callTimeout(CALL_TIMEOUT)
                .build()) {
            assertThatThrownBy(() -> refused.workerRetrieve("0b03"))
                    .isInstanceOf(TcsTransportException.class)
                    .hasMessageContaining(url(closedPort));
        }
    }

    @Test
    void aConnectionClosedBeforeTheAnswerIsATransportFailure() {
        // The server read the request, perhaps stored it, and the answer was lost: worth a resend.
        script = request ->
                request.body().onSuccess(bytes -> request.connection().close());

        assertThatThrownBy(() -> client.workOrderGetResult(WORK_ORDER_ID))
                .isInstanceOf(TcsTransportException.class)
                .hasMessageContaining("WorkOrderGetResult");
    }

    @Test
    void closeLeavesASharedVertxRunningAndReceiptUpdateSuccessIsCodeZero() {
        answerJson(id -> error(id, 0, "Receipt updated successfully"));
        DirectTcsClient.builder(url(server.actualPort())).vertx(vertx).build().close();

        assertThatCode(() -> client.receiptUpdate(
                        new ReceiptUpdateParams(WORK_ORDER_ID, "ab", 2L, "AB01", null, null, null)))
                .doesNotThrowAnyException();
        assertThat(received.getFirst().body().get("method").asText()).isEqualTo("WorkOrderReceiptUpdate");
    }

    @Test
    void wireLogSeesEachBodyExactlyAsOnTheWireInOrder() {
        List<byte[]> sent = new CopyOnWriteArrayList<>();
        List<byte[]> answered = new CopyOnWriteArrayList<>();
        script = request -> request.body().onSuccess(bytes -> {
            sent.add(bytes.getBytes());
            // Indented, with newlines and non-ASCII: the log must keep what came, not a
            // re-encoding.
            JsonNode id = ProtocolJson.parse(bytes.getBytes()).get("id");
            byte[] answer = ("{\n  \"jsonrpc\": \"2.0\",\n  \"id\": "
                            + id
                            + ",\n  \"error\": {\"code\": 5, \"message\": \"en cours \u2026\"}\n}")
                    .getBytes(StandardCharsets.UTF_8);
            answered.add(answer);
            request.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(answer));
        });
        List<Logged> logged = new CopyOnWriteArrayList<>();
        try (DirectTcsClient logging = DirectTcsClient.builder(url(server.actualPort()))
                .callTimeout(ORDINARY_TIMEOUT)
                .wireLog((direction, endpoint, body) -> logged.add(new Logged(direction, endpoint, body)))
                .build()) {
            logging.workOrderGetResult(WORK_ORDER_ID);
            logging.workOrderGetResult(WORK_ORDER_ID);
        }

        assertThat(logged)
                .extracting(Logged::direction)
                .containsExactly(
                        WireLog.Direction.REQUEST, WireLog.Direction.RESPONSE,
                        WireLog.Direction.REQUEST, WireLog.Direction.RESPONSE);
        assertThat(logged).extracting(Logged::url).containsOnly(url(server.actualPort()));
        assertThat(logged.get(0).body()).isEqualTo(sent.get(0));
        assertThat(logged.get(1).body()).isEqualTo(answered.get(0));
        assertThat(logged.get(2).body()).isEqualTo(sent.get(1));
        assertThat(logged.get(3).body()).isEqualTo(answered.get(1));
    }

    @Test
    void wireLogShowsARequestThatGotNoAnswerAlone() {
        script = request ->
                request.body().onSuccess(bytes -> request.connection().close());
        List<WireLog.Direction> logged = new CopyOnWriteArrayList<>();
        try (DirectTcsClient logging = DirectTcsClient.builder(url(server.actualPort()))
                .callTimeout(ORDINARY_TIMEOUT)
                .wireLog((direction, endpoint, body) -> logged.add(direction))
                .build()) {
            assertThatThrownBy(() -> logging.workOrderGetResult(WORK_ORDER_ID))
                    .isInstanceOf(TcsTransportException.class);
        }

        assertThat(logged).containsExactly(WireLog.Direction.REQUEST);
    }

    private record Logged(WireLog.Direction direction, String url, byte[] body) {}

    private void answerJson(Function<JsonNode, ObjectNode> body) {
        answer(200, "application/json", id -> body.apply(id).toString());
    }

    /** Scripts the server: record the request, then answer with a body built from its id. */
    private void answer(int status, String contentType, Function<JsonNode, String> body) {
        script = request -> request.body().onSuccess(bytes -> {
            JsonNode json = ProtocolJson.parse(bytes.getBytes());
            received.add(new Received(request.method().name(), request.getHeader("Content-Type"), json));
            request.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", contentType)
                    .end(body.apply(json.get("id")));
        });
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode node = ProtocolJson.mapper().createObjectNode().put("jsonrpc", "2.0");
        node.set("id", id);
        return node;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode node = envelope(id);
        node.putObject("error")
                .put("code", code)
                .put("message", message)
                .putObject("data")
                .put("workOrderId", WORK_ORDER_ID);
        return node;
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/";
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
