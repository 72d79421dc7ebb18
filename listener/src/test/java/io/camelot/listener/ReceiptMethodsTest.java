package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptMethodsTest extends TcsTest {
    private static final String LAST = String.valueOf(1L << 32);
    private static final String UNSIGNED =
            "Receipt update needs an updateSignature by the worker's key or the receipt creator's key";
    private static final String NOT_A_WRITER =
            "Receipt update signature does not verify under the worker's key or the receipt creator's key";

    private final PublicKeySign requester = Secp256k1.generate();
    private final PublicKeySign stranger = Secp256k1.generate();

    /** No worker attached at first, so a receipt can be created before its work order completes. */
    @BeforeEach
    void start() {
        tcs = TestTcs.start(directory, TestTcs.config(false, false), 100, false);
    }

    @Test
    void theWorkerAppendsProcessedWhenAReceiptedWorkOrderCompletes() {
        WorkOrderSubmitParams request = submitted();
        assertError(tcs.call("WorkOrderReceiptCreate", signedCreate(request, 0)), 0, "Receipt created successfully");
        assertThat(retrieve(request).path("receiptCurrentStatus").asInt()).isZero();
        assertError(
                updateRetrieve(request.workOrderId(), null, LAST),
                2,
                "There is no updates available to this receipt Hence invalid parameter");

        tcs.attachWorker();
        tcs.awaitOutcome(request.workOrderId());
        JsonNode update = updateRetrieve(request.workOrderId(), null, LAST).path("result");
        String responseHash = responseHash(request.workOrderId());
        assertThat(update.path("updateType").asInt()).isEqualTo(2);
        assertThat(update.path("updateCount").asInt()).isEqualTo(1);
        assertThat(update.path("updateData").asText()).isEqualTo(responseHash);
        assertThat(update.path("updaterId").asText()).isEqualTo(tcs.workerId());
        assertThat(Signatures.verifyReceiptUpdate(
                        Secp256k1.verifierFromPem(
                                update.path("receiptVerificationKey").asText()),
                        request.workOrderId(),
                        2,
                        responseHash,
                        update.path("updateSignature").asText()))
                .isTrue();
        assertThat(retrieve(request).path("receiptCurrentStatus").asInt()).isEqualTo(2);

        assertError(
                update(request.workOrderId(), 3, "x", worker()),
                2,
                "Update data does not match the hash of the work order result");
        assertError(
                update(request.workOrderId(), 3, responseHash, worker()),
                2,
                "Receipt update status is set to processed, No further pending, failed or rejected update allowed");
        assertError(
                update(request.workOrderId(), 1, "00"),
                2,
                "Update data does not match the hash of the work order result");
        assertError(update(request.workOrderId(), 1, responseHash), 0, "Receipt updated successfully");
        assertThat(retrieve(request).path("receiptCurrentStatus").asInt()).isEqualTo(1);
        assertError(
                update(request.workOrderId(), 300, "app data"),
                2,
                "Receipt update status is set to completed, No further update allowed");

        JsonNode first =
                updateRetrieve(request.workOrderId(), tcs.workerId(), "1").path("result");
        assertThat(first.path("updateType").asInt()).isEqualTo(2);
        assertThat(first.path("updateCount").asInt()).isEqualTo(2);
        JsonNode last = updateRetrieve(request.workOrderId(), null, LAST).path("result");
        assertThat(last.path("updateType").asInt()).isEqualTo(1);
        assertThat(last.path("updaterId").asText()).isEqualTo("abcd");
    }

    @Test
    void createRefusesWhatAvalonRefuses() {
        WorkOrderSubmitParams request = submitted();
        Map<String, Object> unknownWorkOrder = new HashMap<>(unsignedCreate(request, 0));
        unknownWorkOrder.put("workOrderId", "abcdef");
        assertError(
                tcs.call("WorkOrderReceiptCreate", unknownWorkOrder),
                2,
                "Work order id does not exist, hence invalid request");
        Map<String, Object> wrongHash = new HashMap<>(unsignedCreate(request, 0));
        wrongHash.put("workOrderRequestHash", Base64.getEncoder().encodeToString(new byte[32]));
        assertError(tcs.call("WorkOrderReceiptCreate", wrongHash), 2, "Work order request hash does not match");
        Map<String, Object> badStatus = new HashMap<>(unsignedCreate(request, 0));
        badStatus.put("receiptCreateStatus", 9);
        assertError(
                tcs.call("WorkOrderReceiptCreate", badStatus),
                2,
                "Invalid data format for receiptCreateStatus: expected 0 to 4");
        for (String field : new String[] {"workerId", "workerServiceId", "requesterId"}) {
            Map<String, Object> otherId = new HashMap<>(unsignedCreate(request, 0));
            otherId.put(field, "ab".repeat(32));
            assertError(
                    tcs.call("WorkOrderReceiptCreate", otherId),
                    2,
                    "Receipt " + field + " does not match the work order's");
        }
        Map<String, Object> sameIdsOtherwiseWritten = new HashMap<>(unsignedCreate(request, 0));
        sameIdsOtherwiseWritten.put("workerId", "0X" + request.workerId().toUpperCase());
        sameIdsOtherwiseWritten.remove("requesterId");
        Map<String, Object> forged = new HashMap<>(signedCreate(request, 0));
        forged.put("receiptVerificationKey", Secp256k1.generate().verifier().pem());
        assertError(tcs.call("WorkOrderReceiptCreate", forged), 2, "Receipt create requester signature does not match");

        assertError(tcs.call("WorkOrderReceiptCreate", sameIdsOtherwiseWritten), 0, "Receipt created successfully");
        assertError(
                tcs.call("WorkOrderReceiptCreate", unsignedCreate(request, 0)),
                2,
                "Work order receipt already exists. Hence invalid parameter");
    }

    @Test
    void theReceiptOfASignedWorkOrderIsCreatedOnlyUnderItsRequestersKey() {
        RequestSecrets secrets = tcs.seal(List.of(InputSpec.text("signed")), requester, null);
        tcs.submit(secrets.request());
        WorkOrderSubmitParams request = secrets.request();
        ReceiptCreateParams unsigned = createParams(request, 0, null, null);
        String message =
                "The work order was signed by its requester: its receipt must be created signed with the same key";

        assertError(tcs.call("WorkOrderReceiptCreate", asMap(unsigned)), 2, message);
        assertError(
                tcs.call(
                        "WorkOrderReceiptCreate",
                        asMap(createParams(
                                request,
                                0,
                                Signatures.receiptCreateSignature(stranger, unsigned),
                                stranger.verifier().pem()))),
                2,
                message);
        assertError(tcs.call("WorkOrderReceiptCreate", signedCreate(request, 0)), 0, "Receipt created successfully");
    }

    @Test
    void aSignatureWithA76ColumnPemVerifies() {
        WorkOrderSubmitParams request = submitted();
        Map<String, Object> create = new HashMap<>(signedCreate(request, 0));
        create.put(
                "receiptVerificationKey",
                WorkOrderMethodsTest.wrapAt76(requester.verifier().pem()));
        assertError(tcs.call("WorkOrderReceiptCreate", create), 0, "Receipt created successfully");
    }

    @Test
    void updateChecksReceiptSignatureAndHistory() {
        WorkOrderSubmitParams request = submitted();
        assertError(
                update(request.workOrderId(), 0, "x"),
                2,
                "Work order receipt with id " + request.workOrderId() + " is not created yet, hence invalid parameter");
        tcs.call("WorkOrderReceiptCreate", signedCreate(request, 0));
        assertError(
                update(request.workOrderId(), 1, "00"),
                2,
                "Work order " + request.workOrderId() + " has no result yet. Hence invalid updateType");
        assertError(update(request.workOrderId(), 7, "x"), 2, "Invalid data format for updateType");
        ReceiptUpdateParams forged = new ReceiptUpdateParams(
                request.workOrderId(),
                "abcd",
                0L,
                "x",
                Signatures.receiptUpdateSignature(requester, request.workOrderId(), 0, "other"),
                ReceiptCreateParams.SIGNATURE_RULES,
                requester.verifier().pem());
        assertError(tcs.call("WorkOrderReceiptUpdate", forged), 2, NOT_A_WRITER);
        assertError(update(request.workOrderId(), 0, "still pending"), 0, "Receipt updated successfully");
        assertError(update(request.workOrderId(), 4, "rejected"), 0, "Receipt updated successfully");
        assertThat(retrieve(request).path("receiptCurrentStatus").asInt()).isEqualTo(4);
    }

    /**
     * Review M1: updates come only from the work order's worker and the receipt's creator, so nobody
     * else can block the worker's PROCESSED update or freeze the receipt.
     */
    @Test
    void onlyTheWorkerAndTheReceiptCreatorMayUpdate() {
        WorkOrderSubmitParams request = submitted();
        String id = request.workOrderId();
        assertError(tcs.call("WorkOrderReceiptCreate", signedCreate(request, 0)), 0, "Receipt created successfully");

        for (long type : new long[] {0, 1, 2, 3, 4, 300}) {
            ReceiptUpdateParams unsigned = new ReceiptUpdateParams(
                    id, tcs.workerId(), type, "00", null, ReceiptCreateParams.SIGNATURE_RULES, null);
            assertError(tcs.call("WorkOrderReceiptUpdate", unsigned), 2, UNSIGNED);
            assertError(update(id, type, "00", stranger), 2, NOT_A_WRITER);
        }
        assertError(update(id, 2, "00"), 2, "Only the worker's key may write a PROCESSED or FAILED receipt update");
        assertError(update(id, 3, "00"), 2, "Only the worker's key may write a PROCESSED or FAILED receipt update");
        ReceiptUpdateParams namingAnotherKey = new ReceiptUpdateParams(
                id,
                "abcd",
                300L,
                "note",
                Signatures.receiptUpdateSignature(requester, id, 300, "note"),
                ReceiptCreateParams.SIGNATURE_RULES,
                stranger.verifier().pem());
        assertError(
                tcs.call("WorkOrderReceiptUpdate", namingAnotherKey),
                2,
                "receiptVerificationKey is not the key the receipt update signature verifies under");
        assertThat(tcs.store.receiptUpdates(id)).isEmpty();

        tcs.attachWorker();
        tcs.awaitOutcome(id);
        String responseHash = responseHash(id);
        assertError(update(id, 1, responseHash, stranger), 2, NOT_A_WRITER);
        JsonNode processed = updateRetrieve(id, null, LAST).path("result");
        assertThat(processed.path("updateType").asInt()).isEqualTo(2);
        assertThat(processed.path("updateCount").asInt()).isEqualTo(1);
        assertThat(processed.path("receiptVerificationKey").asText())
                .isEqualTo(worker().verifier().pem());

        // The creator's update without a key named is stored with the key it verified under.
        ReceiptUpdateParams completed = signedUpdate(id, 1, responseHash, requester);
        ReceiptUpdateParams withoutKey = new ReceiptUpdateParams(
                id,
                completed.updaterId(),
                1L,
                responseHash,
                completed.updateSignature(),
                completed.signatureRules(),
                null);
        assertError(tcs.call("WorkOrderReceiptUpdate", withoutKey), 0, "Receipt updated successfully");
        JsonNode last = updateRetrieve(id, null, LAST).path("result");
        assertThat(last.path("updateType").asInt()).isEqualTo(1);
        assertThat(last.path("receiptVerificationKey").asText())
                .isEqualTo(requester.verifier().pem());
        assertThat(retrieve(request).path("receiptCurrentStatus").asInt()).isEqualTo(1);
    }

    @Test
    void theWorkerMayWriteEveryTypeAndAnUnsignedReceiptsKeyNone() {
        WorkOrderSubmitParams request = submitted();
        String id = request.workOrderId();
        Map<String, Object> unsignedWithKey = new HashMap<>(unsignedCreate(request, 0));
        unsignedWithKey.put("receiptVerificationKey", requester.verifier().pem());
        assertError(tcs.call("WorkOrderReceiptCreate", unsignedWithKey), 0, "Receipt created successfully");

        assertError(update(id, 300, "note"), 2, NOT_A_WRITER);
        assertError(update(id, 0, "pending", worker()), 0, "Receipt updated successfully");
        assertError(update(id, 300, "note", worker()), 0, "Receipt updated successfully");
        tcs.attachWorker();
        tcs.awaitOutcome(id);
        assertError(update(id, 1, responseHash(id), worker()), 0, "Receipt updated successfully");
        assertThat(retrieve(request).path("receiptCurrentStatus").asInt()).isEqualTo(1);
        assertThat(updateRetrieve(id, null, LAST)
                        .path("result")
                        .path("updateCount")
                        .asInt())
                .isEqualTo(4);
    }

    /**
     * An update stored before updates were checked, or written around the listener, blocks nothing.
     */
    @Test
    void theWorkersUpdateLandsWhateverAThirdPartyAppendedFirst() {
        WorkOrderSubmitParams request = submitted();
        String id = request.workOrderId();
        tcs.call("WorkOrderReceiptCreate", signedCreate(request, 0));
        assertThat(tcs.store.appendReceiptUpdate(
                        id,
                        0,
                        ProtocolJson.toBytes(new ReceiptUpdateParams(id, tcs.workerId(), 3L, "00", null, null, null))))
                .isTrue();
        assertThat(tcs.store.appendReceiptUpdate(id, 1, ProtocolJson.toBytes(signedUpdate(id, 1, "00", stranger))))
                .isTrue();

        tcs.attachWorker();
        tcs.awaitOutcome(id);
        JsonNode last = updateRetrieve(id, null, LAST).path("result");
        assertThat(last.path("updateType").asInt()).isEqualTo(2);
        assertThat(last.path("updateCount").asInt()).isEqualTo(3);
        assertThat(Signatures.verifyReceiptUpdate(
                        worker().verifier(),
                        id,
                        2,
                        responseHash(id),
                        last.path("updateSignature").asText()))
                .isTrue();
    }

    @Test
    void updatesPerReceiptAreCappedAndNoUpdateIsRecordedTwice() {
        WorkOrderSubmitParams request = submitted();
        String id = request.workOrderId();
        tcs.call("WorkOrderReceiptCreate", signedCreate(request, 0));
        assertError(update(id, 300, "first"), 0, "Receipt updated successfully");
        assertError(update(id, 300, "first"), 2, "Receipt update repeats an update already appended by the same key");
        assertError(update(id, 300, "first", worker()), 0, "Receipt updated successfully");
        assertError(
                update(id, 300, "d".repeat(1025)),
                2,
                "Invalid data format for updateData: longer than 1024 characters");
        for (int i = 2; i < 64; i++) {
            assertError(update(id, 300, "note " + i), 0, "Receipt updated successfully");
        }
        assertError(update(id, 300, "one too many"), 2, "Receipt has 64 updates, no further update allowed");
        assertThat(tcs.store.receiptUpdates(id)).hasSize(64);
    }

    @Test
    void retrieveAndUpdateRetrieveErrors() {
        WorkOrderSubmitParams request = submitted();
        String id = request.workOrderId();
        String notFound =
                "Work order receipt for work order id " + id + " not found in the database. Hence invalid parameter";
        assertError(tcs.call("WorkOrderReceiptRetrieve", new WorkOrderIdParams(id)), 2, notFound);
        assertError(updateRetrieve(id, null, "1"), 2, notFound);
        tcs.call("WorkOrderReceiptCreate", signedCreate(request, 0));
        JsonNode receipt = retrieve(request);
        assertThat(receipt.path("workOrderId").asText()).isEqualTo(id);
        assertThat(receipt.path("requesterId").asText()).isEqualTo(request.requesterId());
        assertThat(receipt.path("receiptCreateStatus").asInt()).isZero();
        assertThat(receipt.path("requesterSignature").asText()).isNotEmpty();

        update(id, 0, "one");
        assertError(
                updateRetrieve(id, null, "0"),
                2,
                "Update index should be positive non-zero number. Hence invalid parameter");
        assertError(
                updateRetrieve(id, null, "2"),
                2,
                "Update index is larger than total update count. Hence invalid parameter");
        assertError(
                updateRetrieve(id, "ffff", "1"),
                2,
                "Update index and updater id doesn't match Hence invalid parameter");
        JsonNode absentUpdater =
                tcs.call("WorkOrderReceiptUpdateRetrieve", Map.of("workOrderId", id, "updateIndex", 1));
        assertThat(absentUpdater.path("result").path("updateData").asText()).isEqualTo("one");
    }

    @Test
    void lookUpFiltersOnCreateParamsAndCurrentStatus() {
        WorkOrderSubmitParams first = submitted();
        WorkOrderSubmitParams second = submitted();
        tcs.call("WorkOrderReceiptCreate", unsignedCreate(first, 0));
        tcs.call("WorkOrderReceiptCreate", signedCreate(second, 0));
        update(second.workOrderId(), 4, "rejected");

        assertThat(lookUp("WorkOrderReceiptLookUp", Map.of()).path("totalCount").asInt())
                .isEqualTo(2);
        JsonNode byRequester = lookUp("WorkOrderReceiptLookUp", Map.of("requesterId", first.requesterId()));
        assertThat(byRequester.path("ids").get(0).asText()).isEqualTo(first.workOrderId());
        assertThat(byRequester.path("totalCount").asInt()).isEqualTo(1);
        JsonNode rejected = lookUp("WorkOrderReceiptLookUp", Map.of("receiptStatus", "4", "workerId", tcs.workerId()));
        assertThat(rejected.path("ids").get(0).asText()).isEqualTo(second.workOrderId());
        assertThat(rejected.path("totalCount").asInt()).isEqualTo(1);
        JsonNode pending = lookUp("WorkOrderReceiptLookUp", Map.of("requestCreateStatus", 0));
        assertThat(pending.path("ids").get(0).asText()).isEqualTo(first.workOrderId());
        assertThat(pending.path("totalCount").asInt()).isEqualTo(1);

        JsonNode all = lookUp("WorkOrderReceiptLookUp", Map.of());
        String firstTag = all.path("ids").get(0).asText();
        JsonNode next = lookUp("WorkOrderReceiptLookUpNext", Map.of("lastLookUpTag", firstTag));
        assertThat(next.path("totalCount").asInt()).isEqualTo(1);
        assertThat(next.path("ids").get(0).asText())
                .isEqualTo(all.path("ids").get(1).asText());
        assertThat(next.path("lookupTag").asText())
                .isEqualTo(all.path("lookupTag").asText());
    }

    @Test
    void lookUpAnswersPagesOfAHundredThatNextFollowsWithTheTag() {
        WorkOrderSubmitParams request = submitted();
        tcs.call("WorkOrderReceiptCreate", unsignedCreate(request, 0));
        byte[] create = tcs.store.receipt(request.workOrderId()).orElseThrow();
        List<String> ids = new ArrayList<>(List.of(request.workOrderId()));
        for (int i = 0; i < 249; i++) {
            ids.add("%064x".formatted(i));
            tcs.store.createReceipt(ids.getLast(), create);
        }
        Collections.sort(ids);

        for (Map<String, Object> filter :
                List.<Map<String, Object>>of(Map.of(), Map.of("requesterId", request.requesterId()))) {
            List<String> listed = new ArrayList<>();
            JsonNode page = lookUp("WorkOrderReceiptLookUp", filter);
            for (int size : new int[] {100, 100, 50}) {
                assertThat(page.path("ids")).hasSize(size);
                page.path("ids").forEach(id -> listed.add(id.asText()));
                assertThat(page.path("lookupTag").asText()).isEqualTo(listed.getLast());
                Map<String, Object> next = new HashMap<>(filter);
                next.put("lastLookUpTag", listed.getLast());
                page = lookUp("WorkOrderReceiptLookUpNext", next);
            }
            assertThat(page.path("ids")).isEmpty();
            assertThat(listed).isEqualTo(ids);
        }
        assertThat(lookUp("WorkOrderReceiptLookUp", Map.of("requesterId", "nobody"))
                        .path("ids"))
                .isEmpty();
    }

    private WorkOrderSubmitParams submitted() {
        RequestSecrets secrets = tcs.sealEcho("receipted");
        tcs.submit(secrets.request());
        return secrets.request();
    }

    private Map<String, Object> unsignedCreate(WorkOrderSubmitParams request, long status) {
        return asMap(createParams(request, status, null, null));
    }

    private Map<String, Object> signedCreate(WorkOrderSubmitParams request, long status) {
        ReceiptCreateParams unsigned = createParams(request, status, null, null);
        String signature = Signatures.receiptCreateSignature(requester, unsigned);
        return asMap(
                createParams(request, status, signature, requester.verifier().pem()));
    }

    private ReceiptCreateParams createParams(WorkOrderSubmitParams request, long status, String signature, String key) {
        return new ReceiptCreateParams(
                request.workOrderId(),
                request.workerId(),
                request.workerId(),
                request.requesterId(),
                status,
                Base64.getEncoder().encodeToString(WorkOrderHashes.requestHash(request)),
                "4711",
                signature,
                ReceiptCreateParams.SIGNATURE_RULES,
                key);
    }

    /** An update signed by the receipt's creator, as {@link #signedCreate} makes it. */
    private JsonNode update(String workOrderId, long type, String data) {
        return update(workOrderId, type, data, requester);
    }

    private JsonNode update(String workOrderId, long type, String data, PublicKeySign key) {
        return tcs.call("WorkOrderReceiptUpdate", signedUpdate(workOrderId, type, data, key));
    }

    private static ReceiptUpdateParams signedUpdate(String workOrderId, long type, String data, PublicKeySign key) {
        return new ReceiptUpdateParams(
                workOrderId,
                "abcd",
                type,
                data,
                Signatures.receiptUpdateSignature(key, workOrderId, type, data),
                ReceiptCreateParams.SIGNATURE_RULES,
                key.verifier().pem());
    }

    private PublicKeySign worker() {
        return tcs.keys().signing();
    }

    private JsonNode updateRetrieve(String workOrderId, String updaterId, String index) {
        Map<String, Object> params = new HashMap<>();
        params.put("workOrderId", workOrderId);
        params.put("updaterId", updaterId == null ? NullNode.getInstance() : updaterId);
        params.put("updateIndex", Long.parseLong(index));
        return tcs.call("WorkOrderReceiptUpdateRetrieve", params);
    }

    private JsonNode retrieve(WorkOrderSubmitParams request) {
        return tcs.call("WorkOrderReceiptRetrieve", new WorkOrderIdParams(request.workOrderId()))
                .path("result");
    }

    private JsonNode lookUp(String method, Map<String, Object> filters) {
        return tcs.call(method, filters).path("result");
    }

    private String responseHash(String workOrderId) {
        return Hex.upper(Sha256.digest(tcs.store.response(workOrderId).orElseThrow()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object params) {
        return ProtocolJson.mapper().convertValue(params, Map.class);
    }
}
