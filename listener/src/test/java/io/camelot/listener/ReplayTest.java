package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static io.camelot.scheduler.Replays.shiftIdDigitOntoNonce;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A replayed WorkOrderSubmit never runs twice: not when sent again at once, not by many senders at
 * the same moment, not after the original has been purged, and not under another id made by moving
 * a digit of its id onto its nonce (security review H1: the request hash joins them without a
 * separator). The workload is the stateful simple-wallet, so a second run would show as a doubled
 * balance.
 */
class ReplayTest extends TcsTest {
    private static final String WALLET = HexFormat.of().formatHex("simple-wallet".getBytes(StandardCharsets.UTF_8));
    private static final String DUPLICATE = "Work order id already exists in the database. Hence invalid parameter";
    private static final String REPLAYED =
            "Replayed work order: a request with the same request hash was already submitted. Hence invalid parameter";

    private RequestSecrets deposit(String account, long amount) {
        return deposit(TestTcs.randomHex(32), account, amount);
    }

    private RequestSecrets deposit(String workOrderId, String account, long amount) {
        RequestTemplate template = new RequestTemplate(
                workOrderId,
                tcs.workerId(),
                WALLET,
                TestTcs.randomHex(32),
                TestTcs.randomHex(16),
                6000,
                null,
                List.of(InputSpec.text("deposit " + account + " " + amount)),
                List.of());
        return RequestSealer.seal(template, tcs.keys().encryption().publicKey(), null);
    }

    /** Submits a deposit and checks that it ran once: the account's balance is then {@code balance}. */
    private RequestSecrets depositAndExpectBalance(String account, long amount, long balance) {
        RequestSecrets secrets = deposit(account, amount);
        tcs.submit(secrets.request());
        assertThat(balanceAfter(secrets)).isEqualTo("WALLET RESULT: " + account + "::" + balance);
        return secrets;
    }

    private String balanceAfter(RequestSecrets secrets) {
        JsonNode outcome = tcs.awaitOutcome(secrets.request().workOrderId());
        WorkOrderResult result = ProtocolJson.bind(outcome.get("result"), WorkOrderResult.class);
        List<PlainItem> items =
                ResponseOpener.open(result, secrets, tcs.keys().signing().verifier());
        return new String(items.get(0).data(), StandardCharsets.UTF_8);
    }

    private byte[] body(RequestSecrets secrets) {
        return ProtocolJson.toBytes(JsonRpcRequest.of("WorkOrderSubmit", 1, ProtocolJson.toTree(secrets.request())));
    }

    private static JsonNode duplicateData(String workOrderId, boolean sameRequest) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("workOrderId", workOrderId)
                .put("sameRequest", sameRequest);
    }

    @Test
    void theSameBytesSentManyTimesAtOnceAreAdmittedOnceAndRunOnce() throws Exception {
        tcs = TestTcs.start(directory);
        RequestSecrets first = deposit("alice", 10);
        byte[] replayed = body(first);
        List<JsonNode> answers;
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            List<Future<JsonNode>> sent = IntStream.range(0, 16)
                    .mapToObj(i -> senders.submit(
                            () -> ProtocolJson.parse(tcs.post("/", replayed).body())))
                    .toList();
            answers = sent.stream().map(ReplayTest::join).toList();
        }
        assertThat(answers)
                .filteredOn(a -> a.path("error").path("code").asInt() == 5)
                .hasSize(1);
        String id = first.request().workOrderId();
        assertThat(answers)
                .filteredOn(a -> a.path("error").path("code").asInt() == 2)
                .hasSize(15)
                .allSatisfy(a -> assertError(a, 2, DUPLICATE))
                .allSatisfy(a -> assertThat(a.path("error").path("data")).isEqualTo(duplicateData(id, true)));
        assertThat(balanceAfter(first)).isEqualTo("WALLET RESULT: alice::10");

        // Sent again after it completed: still refused, and the balance moved once.
        assertError(ProtocolJson.parse(tcs.post("/", replayed).body()), 2, DUPLICATE);
        depositAndExpectBalance("alice", 1, 11);
    }

    @Test
    void aRequestReplayedAfterItsWorkOrderWasPurgedIsStillRefused() {
        tcs = TestTcs.start(directory);
        RequestSecrets original = depositAndExpectBalance("bob", 7, 7);
        assertThat(tcs.store.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE)).isEqualTo(1);

        JsonNode replay = ProtocolJson.parse(tcs.post("/", body(original)).body());
        assertError(replay, 2, DUPLICATE);
        assertThat(replay.path("error").path("data"))
                .isEqualTo(duplicateData(original.request().workOrderId(), true));
        // Its request hash is remembered too: not even under another id.
        assertError(tcs.submit(shiftIdDigitOntoNonce(original.request())), 2, REPLAYED);
        assertThat(tcs.store.pendingCount()).isZero();
        depositAndExpectBalance("bob", 1, 8);
    }

    @Test
    void aRequestReplayedUnderAnotherIdMadeByMovingADigitOntoTheNonceIsRefused() {
        tcs = TestTcs.start(directory);
        RequestSecrets original = depositAndExpectBalance("carol", 5, 5);
        WorkOrderSubmitParams shifted = shiftIdDigitOntoNonce(original.request());
        assertThat(shifted.workOrderId()).isNotEqualTo(original.request().workOrderId());
        assertThat(WorkOrderHashes.requestHash(shifted)).isEqualTo(WorkOrderHashes.requestHash(original.request()));

        JsonNode replay = tcs.submit(shifted);

        assertError(replay, 2, REPLAYED);
        assertThat(replay.path("error").path("data"))
                .isEqualTo(JsonNodeFactory.instance.objectNode().put("workOrderId", shifted.workOrderId()));
        assertUnknown(shifted.workOrderId());
        depositAndExpectBalance("carol", 1, 6);
    }

    @Test
    void aKnownIdSaysWhetherItWasTheSameRequest() {
        tcs = TestTcs.start(directory);
        RequestSecrets original = deposit("dave", 3);
        String id = original.request().workOrderId();
        tcs.submit(original.request());

        JsonNode retried = tcs.submit(original.request());
        JsonNode clash = tcs.submit(deposit(id, "dave", 4).request());

        assertError(retried, 2, DUPLICATE);
        assertThat(retried.path("error").path("data")).isEqualTo(duplicateData(id, true));
        assertError(clash, 2, DUPLICATE);
        assertThat(clash.path("error").path("data")).isEqualTo(duplicateData(id, false));
        assertThat(balanceAfter(original)).isEqualTo("WALLET RESULT: dave::3");
    }

    private static JsonNode join(Future<JsonNode> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
