package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.jsonrpc.JsonRpcDispatcher;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jazzer target for the receipt methods (issue 18): structured calls to WorkOrderReceiptCreate,
 * Update, Retrieve, UpdateRetrieve, LookUp and LookUpNext, each field either valid or mutated, each
 * signature by the requester, a stranger or nobody, valid or not. The properties: every call gets
 * a JSON-RPC answer that is never -32603, and a stranger's create or update of a signed work
 * order's receipt is never accepted (review R8), however the rest of the call looks.
 */
class ReceiptFuzzTest {
    private static final String[] METHODS = {
        "WorkOrderReceiptCreate",
        "WorkOrderReceiptUpdate",
        "WorkOrderReceiptRetrieve",
        "WorkOrderReceiptUpdateRetrieve",
        "WorkOrderReceiptLookUp",
        "WorkOrderReceiptLookUpNext"
    };

    @TempDir
    static Path directory;

    static TestTcs tcs;
    static JsonRpcDispatcher dispatcher;
    static final PublicKeySign requester = Secp256k1.generate();
    static final PublicKeySign stranger = Secp256k1.generate();
    static final List<WorkOrderSubmitParams> orders = new ArrayList<>();

    @BeforeAll
    static void start() {
        tcs = TestTcs.start(directory, TestTcs.config(false, false), 1_000, false);
        dispatcher = tcs.unlimitedDispatcher(TestTcs.config(false, false));
        // Three signed work orders; the first two with a receipt, the third without one yet.
        for (int i = 0; i < 3; i++) {
            WorkOrderSubmitParams order = tcs.seal(List.of(InputSpec.text("fuzz " + i)), requester, null)
                    .request();
            tcs.submit(order);
            orders.add(order);
        }
        for (WorkOrderSubmitParams order : orders.subList(0, 2)) {
            JsonNode created = tcs.call("WorkOrderReceiptCreate", create(order, requester, 0));
            // Avalon answers a create that succeeded as an "error" with code 0.
            assertThat(created.path("error").path("code").asInt(-1))
                    .as(created.toString())
                    .isZero();
        }
    }

    @AfterAll
    static void stop() {
        tcs.close();
    }

    @FuzzTest(maxDuration = "60s")
    void receiptCallsGetTheirAnswersAndAStrangerNeverWrites(FuzzedDataProvider data) {
        WorkOrderSubmitParams order = orders.get(data.consumeInt(0, orders.size() - 1));
        int method = data.consumeInt(0, METHODS.length - 1);
        int signer = data.consumeInt(0, 2);
        PublicKeySign key = signer == 0 ? requester : signer == 1 ? stranger : null;
        ObjectNode params = switch (method) {
            case 0 -> (ObjectNode) ProtocolJson.toTree(create(order, key, data.consumeInt(0, 8)));
            case 1 -> (ObjectNode) ProtocolJson.toTree(update(order.workOrderId(), key, data));
            case 2 -> idOnly(order.workOrderId());
            case 3 -> {
                ObjectNode retrieve = idOnly(order.workOrderId());
                retrieve.put("updaterId", data.consumeString(70));
                retrieve.put("updateIndex", data.consumeLong());
                yield retrieve;
            }
            default -> {
                ObjectNode filter = ProtocolJson.mapper().createObjectNode();
                filter.put("workerId", data.consumeBoolean() ? order.workerId() : data.consumeString(70));
                filter.put("receiptStatus", data.consumeString(20));
                filter.put("lookUpTag", data.consumeString(40));
                yield filter;
            }
        };
        // Then any one field may be replaced by whatever the fuzzer makes of it.
        if (data.consumeBoolean() && params.size() > 0) {
            List<String> fields = new ArrayList<>();
            params.fieldNames().forEachRemaining(fields::add);
            String field = fields.get(data.consumeInt(0, fields.size() - 1));
            if (data.consumeBoolean()) {
                params.put(field, data.consumeLong());
            } else {
                params.put(field, data.consumeRemainingAsString());
            }
        }
        JsonNode answer = ProtocolJson.parse(
                dispatcher.handle(ProtocolJson.toBytes(JsonRpcRequest.of(METHODS[method], 1, params))));
        assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
        int code = answer.has("error") ? answer.path("error").path("code").asInt() : 0;
        assertThat(code).as("unexpected exception for %s", answer).isNotEqualTo(ErrorCode.INTERNAL_ERROR.code());
        // Create and update acknowledge success as Avalon does: an "error" with code 0.
        if (code == 0 && key == stranger && method <= 1) {
            throw new AssertionError("a stranger's " + METHODS[method] + " was accepted: " + params);
        }
    }

    private static ObjectNode idOnly(String workOrderId) {
        ObjectNode params = ProtocolJson.mapper().createObjectNode();
        params.put("workOrderId", workOrderId);
        return params;
    }

    private static ReceiptCreateParams create(WorkOrderSubmitParams order, PublicKeySign key, long status) {
        ReceiptCreateParams unsigned = new ReceiptCreateParams(
                order.workOrderId(),
                order.workerId(),
                order.workerId(),
                order.requesterId(),
                status,
                Base64.getEncoder().encodeToString(WorkOrderHashes.requestHash(order)),
                "4711",
                null,
                ReceiptCreateParams.SIGNATURE_RULES,
                null);
        return key == null
                ? unsigned
                : unsigned.signed(
                        Signatures.receiptCreateSignature(key, unsigned),
                        key.verifier().pem());
    }

    private static ReceiptUpdateParams update(String workOrderId, PublicKeySign key, FuzzedDataProvider data) {
        long type = data.consumeBoolean() ? data.consumeInt(0, 6) : data.consumeLong();
        String updateData = data.consumeString(100);
        return new ReceiptUpdateParams(
                workOrderId,
                "abcd",
                type,
                updateData,
                key == null ? null : Signatures.receiptUpdateSignature(key, workOrderId, type, updateData),
                ReceiptCreateParams.SIGNATURE_RULES,
                key == null ? null : key.verifier().pem());
    }
}
