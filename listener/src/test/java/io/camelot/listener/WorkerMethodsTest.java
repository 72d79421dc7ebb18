package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.model.WorkerRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerMethodsTest extends TcsTest {
    private static final String OTHER_WORKER = "0a0b";

    private void start(boolean operatorMethodsEnabled) {
        tcs = TestTcs.start(directory, TestTcs.config(false, operatorMethodsEnabled), 100, true);
    }

    @Test
    void lookUpFiltersLikeAvalonClientsAsk() {
        start(false);
        JsonNode byType = tcs.call("WorkerLookUp", Map.of("workerType", 1)).path("result");
        assertThat(byType.path("totalCount").asInt()).isEqualTo(1);
        assertThat(byType.path("lookupTag").asText()).isEqualTo(tcs.workerId());
        assertThat(byType.path("ids").get(0).asText()).isEqualTo(tcs.workerId());
        JsonNode byOrganization = tcs.call(
                        "WorkerLookUp",
                        Map.of("organizationId", tcs.worker.record().organizationId()))
                .path("result");
        assertThat(byOrganization.path("totalCount").asInt()).isEqualTo(1);
        JsonNode none = tcs.call("WorkerLookUp", Map.of("workerType", 2)).path("result");
        assertThat(none.path("totalCount").asInt()).isZero();
        assertThat(none.path("lookupTag").asText()).isEmpty();
        assertError(tcs.call("WorkerLookUp", Map.of("workerType", 7)), 2, "Invalid data format for workerType");
    }

    @Test
    void lookUpNextSkipsUpToAndIncludingTheTagUnderEitherSpelling() {
        start(true);
        register(OTHER_WORKER);
        assertThat(tcs.call("WorkerLookUp", Map.of())
                        .path("result")
                        .path("totalCount")
                        .asInt())
                .isEqualTo(2);
        for (String key : new String[] {"lookUpTag", "lookupTag"}) {
            JsonNode next = tcs.call("WorkerLookUpNext", Map.of(key, OTHER_WORKER, "workerType", 1))
                    .path("result");
            assertThat(next.path("ids")).hasSize(1);
            assertThat(next.path("ids").get(0).asText()).isEqualTo(tcs.workerId());
        }
        JsonNode afterLast = tcs.call("WorkerLookUpNext", Map.of("lookUpTag", tcs.workerId()))
                .path("result");
        assertThat(afterLast.path("totalCount").asInt()).isZero();
    }

    @Test
    void lookUpAnswersPagesOfAHundredThatNextFollowsWithTheTag() {
        start(false);
        byte[] record = tcs.store.worker(tcs.workerId()).orElseThrow();
        List<String> ids = new ArrayList<>(List.of(tcs.workerId()));
        for (int i = 0; i < 249; i++) {
            ids.add("paged-" + i);
            tcs.store.putWorker(ids.getLast(), record);
        }
        Collections.sort(ids);

        List<String> listed = new ArrayList<>();
        JsonNode page = tcs.call("WorkerLookUp", Map.of("workerType", 1)).path("result");
        for (int size : new int[] {100, 100, 50}) {
            assertThat(page.path("ids")).hasSize(size);
            assertThat(page.path("totalCount").asInt()).isEqualTo(size);
            page.path("ids").forEach(id -> listed.add(id.asText()));
            assertThat(page.path("lookupTag").asText()).isEqualTo(listed.getLast());
            page = tcs.call("WorkerLookUpNext", Map.of("workerType", 1, "lookUpTag", listed.getLast()))
                    .path("result");
        }
        assertThat(page.path("ids")).isEmpty();
        assertThat(listed).isEqualTo(ids);
    }

    @Test
    void retrieveReturnsTheStoredRecordAsIs() {
        start(false);
        JsonNode result =
                tcs.call("WorkerRetrieve", Map.of("workerId", tcs.workerId())).path("result");
        assertThat(result)
                .isEqualTo(ProtocolJson.parse(tcs.store.worker(tcs.workerId()).orElseThrow()));
        assertThat(result.path("status").asInt()).isEqualTo(1);
        assertThat(result.has("workerId")).isFalse();
        assertThat(result.path("details")
                        .path("workerTypeData")
                        .path("proofData")
                        .isTextual())
                .isTrue();
        assertError(
                tcs.call("WorkerRetrieve", Map.of("workerId", "abcd")),
                2,
                "Worker Id not found in the database. Hence invalid parameter");
    }

    @Test
    void encryptionKeyGetReturnsTheSignedKeyAndSetIsRefused() {
        start(false);
        JsonNode result = tcs.call(
                        "EncryptionKeyGet", Map.of("workerId", tcs.workerId(), "requesterId", "01", "tag", ""))
                .path("result");
        String pem = tcs.worker.record().details().workerTypeData().encryptionKey();
        assertThat(result.path("workerId").asText()).isEqualTo(tcs.workerId());
        assertThat(result.path("encryptionKey").asText()).isEqualTo(pem);
        assertThat(result.path("encryptionKeyNonce").asText()).isEmpty();
        assertThat(result.path("tag").asText()).isEmpty();
        assertThat(Signatures.verifyEncryptionKeySignature(
                        tcs.keys().signing().verifier(),
                        pem,
                        result.path("signature").asText()))
                .isTrue();
        assertError(
                tcs.call("EncryptionKeyGet", Map.of("workerId", "abcd")),
                2,
                "Worker Id not found in the database. Hence invalid parameter");
        assertError(
                tcs.call("EncryptionKeySet", Map.of("workerId", tcs.workerId())),
                2,
                "Operation is not supported. Hence invalid parameter");
    }

    @Test
    void operatorMethodsAreDeniedByDefault() {
        start(false);
        for (String method : new String[] {"WorkerRegister", "WorkerUpdate", "WorkerSetStatus"}) {
            assertError(
                    tcs.call(method, Map.of("workerId", OTHER_WORKER)),
                    3,
                    method + " is an operator method; operator methods are disabled on this listener");
        }
        assertThat(tcs.store.worker(OTHER_WORKER)).isEmpty();
    }

    @Test
    void operatorsRegisterUpdateAndSetStatus() {
        start(true);
        register(OTHER_WORKER);
        WorkerRecord stored = record(OTHER_WORKER);
        assertThat(stored.status()).isEqualTo(1);
        assertThat(stored.workerType()).isEqualTo(1);
        assertError(
                tcs.call("WorkerRegister", registerParams(OTHER_WORKER)),
                2,
                "Worker Id already exists in the database. Hence invalid parameter");

        var newDetails = tcs.worker.record().details();
        assertError(
                tcs.call("WorkerUpdate", Map.of("workerId", OTHER_WORKER, "details", newDetails)),
                0,
                "Successfully Updated");
        assertThat(record(OTHER_WORKER).details()).isEqualTo(newDetails);
        assertError(
                tcs.call("WorkerSetStatus", Map.of("workerId", OTHER_WORKER, "status", 3)),
                0,
                "Successfully Set Status");
        assertThat(record(OTHER_WORKER).status()).isEqualTo(3);

        String missing = "abcdef";
        String notFound = "Worker Id not found in the database. Hence invalid parameter";
        assertError(tcs.call("WorkerUpdate", Map.of("workerId", missing, "details", newDetails)), 2, notFound);
        assertError(tcs.call("WorkerSetStatus", Map.of("workerId", missing, "status", 2)), 2, notFound);
        assertError(
                tcs.call("WorkerSetStatus", Map.of("workerId", OTHER_WORKER, "status", 9)),
                2,
                "Invalid data format for status: expected 1 to 4");
    }

    private void register(String workerId) {
        assertError(tcs.call("WorkerRegister", registerParams(workerId)), 0, "Successfully Registered");
    }

    private Map<String, Object> registerParams(String workerId) {
        WorkerRecord template = tcs.worker.record();
        return Map.of(
                "workerId", workerId,
                "workerType", 1,
                "organizationId", template.organizationId(),
                "applicationTypeId", template.applicationTypeId(),
                "details", template.details());
    }

    private WorkerRecord record(String workerId) {
        return ProtocolJson.bind(ProtocolJson.parse(tcs.store.worker(workerId).orElseThrow()), WorkerRecord.class);
    }
}
