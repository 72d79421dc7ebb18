package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkOrderMethodsTest extends TcsTest {
    @Test
    void asyncSubmitAnswersComputingThenGetResultReturnsTheSignedResult() {
        tcs = TestTcs.start(directory);
        RequestSecrets secrets = tcs.sealEcho("hello");
        String id = secrets.request().workOrderId();
        JsonNode ack = tcs.submit(secrets.request());
        assertError(ack, 5, COMPUTING);
        assertThat(ack.path("error").path("data").path("workOrderId").asText()).isEqualTo(id);
        assertThat(openResult(tcs.awaitOutcome(id), secrets)).containsExactly("RESULT: hello");
    }

    @Test
    void getResultIsPendingUntilAWorkerRunsIt() {
        tcs = TestTcs.start(directory, TestTcs.config(false, false), 100, false);
        RequestSecrets secrets = tcs.sealEcho("later");
        String id = secrets.request().workOrderId();
        assertError(tcs.submit(secrets.request()), 5, COMPUTING);
        JsonNode pending = tcs.call("WorkOrderGetResult", new WorkOrderIdParams(id));
        assertError(pending, 5, "Work order result is yet to be updated");
        assertThat(pending.path("error").path("data").path("workOrderId").asText())
                .isEqualTo(id);
        tcs.attachWorker();
        assertThat(openResult(tcs.awaitOutcome(id), secrets)).containsExactly("RESULT: later");
    }

    @Test
    void getResultOfAnUnknownIdIsCode2() {
        tcs = TestTcs.start(directory);
        JsonNode response = tcs.call("WorkOrderGetResult", new WorkOrderIdParams("abcdef"));
        assertError(response, 2, NOT_FOUND);
        assertThat(response.path("error").path("data").path("workOrderId").asText())
                .isEqualTo("abcdef");
        assertError(
                tcs.call("WorkOrderGetResult", Map.of("workOrderId", "zz")), 2, "Invalid data format for workOrderId");
    }

    @Test
    void storedWorkerErrorsAreReturnedWithTheirCode() {
        tcs = TestTcs.start(directory);
        RequestSecrets secrets = tcs.sealEcho("x");
        WorkOrderSubmitParams unknownWorkload =
                withField(secrets.request(), "workloadId", "6e6f2d737563682d776f726b6c6f6164");
        tcs.submit(unknownWorkload);
        JsonNode outcome = tcs.awaitOutcome(unknownWorkload.workOrderId());
        assertThat(outcome.path("error").path("code").asInt()).isEqualTo(9);
        // Code 9 names the workload asked for and those the worker runs (a typo, a WASM module on a
        // pool).
        assertThat(outcome.path("error").path("message").asText())
                .startsWith(
                        "Workload cannot be processed by this worker: it has no workload \"no-such-workload\"; it runs ")
                .contains("echo-result");
        assertThat(outcome.path("error").path("data").path("workOrderId").asText())
                .isEqualTo(unknownWorkload.workOrderId());
    }

    @Test
    void refusesAMissingWorkerADuplicateAndInvalidParamsWithTheIdAsData() {
        tcs = TestTcs.start(directory);
        RequestSecrets secrets = tcs.sealEcho("once");
        String id = secrets.request().workOrderId();
        WorkOrderSubmitParams unknownWorker = withField(secrets.request(), "workerId", "abcd");
        JsonNode noWorker = tcs.submit(unknownWorker);
        assertError(noWorker, 2, "worker abcd doesn't exists");
        assertThat(noWorker.path("error").path("data").path("workOrderId").asText())
                .isEqualTo(id);

        assertError(tcs.submit(secrets.request()), 5, COMPUTING);
        JsonNode duplicate = tcs.submit(secrets.request());
        assertError(duplicate, 2, "Work order id already exists in the database. Hence invalid parameter");
        assertThat(duplicate.path("error").path("data").path("workOrderId").asText())
                .isEqualTo(id);
        assertThat(duplicate.path("error").path("data").path("sameRequest").asBoolean())
                .isTrue();

        ObjectNode invalid = (ObjectNode) ProtocolJson.toTree(tcs.sealEcho("y").request());
        invalid.remove("requesterNonce");
        JsonNode missing = tcs.submit(invalid);
        assertError(missing, 2, "'requesterNonce' is a required property");
        assertThat(missing.path("error").path("data").path("workOrderId").asText())
                .isEqualTo(invalid.path("workOrderId").asText());
    }

    @Test
    void withNoNotifyHostsListedAnEmptyOrAbsentNotifyUriIsAcceptedAndAnyOtherRefused() {
        tcs = TestTcs.start(directory);
        RequestSecrets empty = tcs.seal(List.of(InputSpec.text("e")), null, "");
        assertError(tcs.submit(empty.request()), 5, COMPUTING);
        RequestSecrets absent = tcs.sealEcho("a");
        assertThat(ProtocolJson.toTree(absent.request()).has("notifyUri")).isFalse();
        assertError(tcs.submit(absent.request()), 5, COMPUTING);
        assertThat(tcs.awaitOutcome(empty.request().workOrderId()).has("result"))
                .isTrue();
        assertThat(tcs.awaitOutcome(absent.request().workOrderId()).has("result"))
                .isTrue();

        RequestSecrets loopback = tcs.seal(List.of(InputSpec.text("l")), null, "http://127.0.0.1:9/");
        assertError(
                tcs.submit(loopback.request()),
                2,
                "notifyUri host 127.0.0.1:9 is not allowed by this TCS ([listener] notify_hosts)");
        assertThat(tcs.store.workOrder(loopback.request().workOrderId())).isEmpty();
    }

    @Test
    void aNearlyFullStoreAnswersBusyNamingTheStore() {
        tcs = TestTcs.startNearlyFull(directory);
        RequestSecrets secrets = tcs.sealEcho("no room");
        JsonNode busy = tcs.submit(secrets.request());
        assertError(
                busy,
                8,
                "Work order handler is busy: the store is nearly full and takes no new work orders until purge frees room");
        assertThat(busy.path("error").path("data").path("workOrderId").asText())
                .isEqualTo(secrets.request().workOrderId());
        assertThat(tcs.store.workOrder(secrets.request().workOrderId())).isEmpty();
    }

    @Test
    void aFullQueueAnswersBusy() {
        tcs = TestTcs.start(directory, TestTcs.config(false, false), 0, true);
        assertSubmitRefused(tcs.sealEcho("no room").request(), 8, "Work order handler is busy updating the result");
    }

    @Test
    void syncModeReturnsTheResultInTheSubmitReply() {
        tcs = TestTcs.start(directory, TestTcs.config(true, false), 100, true);
        RequestSecrets secrets = tcs.sealEcho("now");
        assertThat(openResult(tcs.submit(secrets.request()), secrets)).containsExactly("RESULT: now");
    }

    @Test
    void syncModeFallsBackToComputingWhenTheWorkerIsSlow() {
        tcs = TestTcs.start(directory, TestTcs.config(true, false), 100, false);
        RequestSecrets secrets = tcs.sealEcho("slow");
        ObjectNode quick = (ObjectNode) ProtocolJson.toTree(secrets.request());
        quick.put("responseTimeoutMSecs", 50);
        assertError(tcs.submit(quick), 5, COMPUTING);
    }

    @Test
    void acceptsTheShapesAvalonClientsSend() {
        tcs = TestTcs.start(directory);
        PublicKeySign requester = Secp256k1.generate();
        // Demo.py: a "0x" work order id, and lower-case hex for the encrypted request hash.
        RequestSecrets demoShaped = tcs.seal(
                "0x" + TestTcs.randomHex(16),
                List.of(
                        InputSpec.text("sealed"),
                        new InputSpec.Plaintext("in the clear".getBytes(StandardCharsets.UTF_8), true)),
                requester,
                null);
        WorkOrderSubmitParams sent = demoShaped
                .request()
                .withEncryptedRequestHash(
                        demoShaped.request().encryptedRequestHash().toLowerCase())
                .withRequesterSignature(
                        demoShaped.request().requesterSignature(),
                        wrapAt76(requester.verifier().pem()));
        assertError(tcs.submit(sent), 5, COMPUTING);
        JsonNode outcome = tcs.awaitOutcome(sent.workOrderId());
        assertThat(outcome.path("result").path("workOrderId").asText()).isEqualTo(sent.workOrderId());
        RequestSecrets asSent = new RequestSecrets(sent, demoShaped.sessionKey(), demoShaped.sessionIv());
        assertThat(openResult(outcome, asSent)).containsExactly("RESULT: sealed", "RESULT: in the clear");
    }

    /** A python-ecdsa style PEM: the same key, its body wrapped at 76 columns. */
    static String wrapAt76(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        StringBuilder wrapped = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
        for (int i = 0; i < body.length(); i += 76) {
            wrapped.append(body, i, Math.min(body.length(), i + 76)).append('\n');
        }
        String result = wrapped.append("-----END PUBLIC KEY-----\n").toString();
        assertThat(result).isNotEqualTo(pem);
        return result;
    }

    private List<String> openResult(JsonNode response, RequestSecrets secrets) {
        assertThat(response.has("result")).as(response.toString()).isTrue();
        WorkOrderResult result = ProtocolJson.bind(response.path("result"), WorkOrderResult.class);
        return ResponseOpener.open(result, secrets, tcs.keys().signing().verifier()).stream()
                .map(PlainItem::text)
                .toList();
    }

    private static WorkOrderSubmitParams withField(WorkOrderSubmitParams params, String field, String value) {
        ObjectNode tree = (ObjectNode) ProtocolJson.toTree(params);
        tree.put(field, value);
        return ProtocolJson.bind(tree, WorkOrderSubmitParams.class);
    }
}
