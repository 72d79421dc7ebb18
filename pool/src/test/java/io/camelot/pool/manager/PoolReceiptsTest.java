package io.camelot.pool.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.pool.PeerUnavailableException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.worker.WorkerReceiptUpdates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's receipt updates against a real store, with a stand-in for the WKM's signature. */
class PoolReceiptsTest {
    static final String POOL_ID = "ab".repeat(32);

    @TempDir
    Path dir;

    TcsStore store;
    PoolReceipts receipts;
    final PublicKeySign poolKey = Secp256k1.generate();
    final AtomicBoolean wkmUp = new AtomicBoolean(true);
    final AtomicInteger signatures = new AtomicInteger();

    @BeforeEach
    void start() {
        store = LmdbTcsStore.open(dir.resolve("store"));
        putPoolRecord(store, poolKey);
        receipts = new PoolReceipts(store);
        receipts.signWith((id, workerId, response, request) -> {
            if (!wkmUp.get()) {
                throw new PeerUnavailableException("SignReceiptUpdate to the WKM failed: connection refused");
            }
            signatures.incrementAndGet();
            WorkOrderResponse parsed = ProtocolJson.bind(response, WorkOrderResponse.class);
            return WorkerReceiptUpdates.signed(poolKey, workerId, id, parsed, response);
        });
    }

    @AfterEach
    void stop() {
        store.close();
    }

    /** Submits and completes a failing work order, with a receipt created first if asked. */
    byte[] complete(String id, boolean withReceipt) {
        byte[] request = "{\"params\":{\"requesterNonce\":\"0a\"}}".getBytes(StandardCharsets.UTF_8);
        store.submit(id, POOL_ID, Sha256.digest(id), request, 1);
        if (withReceipt) {
            store.createReceipt(id, "{}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] response = ProtocolJson.toBytes(WorkOrderResponse.of(new JsonRpcError(
                5, "failed", JsonNodeFactory.instance.objectNode().put("workOrderId", id))));
        assertThat(store.complete(new TcsStore.Completion(id, response, 2, Map.of(), null)))
                .isTrue();
        receipts.completed(id, POOL_ID, response, ProtocolJson.parse(request).get("params"));
        return response;
    }

    ReceiptUpdateParams onlyUpdate(String id) {
        assertThat(store.receiptUpdates(id)).hasSize(1);
        return ProtocolJson.bind(ProtocolJson.parse(store.receiptUpdates(id).getFirst()), ReceiptUpdateParams.class);
    }

    @Test
    void anUpdateNoWkmCouldSignIsAppendedAfterTheNextCompletion() {
        String missed = "01".repeat(32);
        wkmUp.set(false);
        complete(missed, true);
        assertThat(store.response(missed)).isPresent();
        assertThat(store.receiptUpdates(missed)).isEmpty();

        wkmUp.set(true);
        complete("02".repeat(32), false);

        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> !store.receiptUpdates(missed).isEmpty());
        ReceiptUpdateParams update = onlyUpdate(missed);
        assertThat(update.updateType()).isEqualTo(ReceiptStatus.FAILED.code());
        assertThat(update.updaterId()).isEqualTo(POOL_ID);
        assertThat(update.receiptVerificationKey()).isEqualTo(poolKey.verifier().pem());
    }

    @Test
    void aThirdPartysUpdateDoesNotKeepThePoolsOut() {
        String id = "04".repeat(32);
        store.submit(
                id,
                POOL_ID,
                Sha256.digest(id),
                "{\"params\":{\"requesterNonce\":\"0a\"}}".getBytes(StandardCharsets.UTF_8),
                1);
        store.createReceipt(id, "{}".getBytes(StandardCharsets.UTF_8));
        PublicKeySign stranger = Secp256k1.generate();
        assertThat(store.appendReceiptUpdate(
                        id,
                        0,
                        ProtocolJson.toBytes(new ReceiptUpdateParams(
                                id,
                                POOL_ID,
                                3L,
                                "00",
                                Signatures.receiptUpdateSignature(stranger, id, 3, "00"),
                                ReceiptCreateParams.SIGNATURE_RULES,
                                stranger.verifier().pem()))))
                .isTrue();
        byte[] response = ProtocolJson.toBytes(WorkOrderResponse.of(new JsonRpcError(
                5, "failed", JsonNodeFactory.instance.objectNode().put("workOrderId", id))));
        assertThat(store.complete(new TcsStore.Completion(id, response, 2, Map.of(), null)))
                .isTrue();

        receipts.completed(
                id,
                POOL_ID,
                response,
                ProtocolJson.parse(store.request(id).orElseThrow()).get("params"));
        receipts.receiptCreated(id);

        assertThat(store.receiptUpdates(id)).hasSize(2);
        ReceiptUpdateParams pools =
                ProtocolJson.bind(ProtocolJson.parse(store.receiptUpdates(id).getLast()), ReceiptUpdateParams.class);
        assertThat(pools.updateType()).isEqualTo(ReceiptStatus.FAILED.code());
        assertThat(pools.receiptVerificationKey()).isEqualTo(poolKey.verifier().pem());
        assertThat(signatures).hasValue(1);
    }

    @Test
    void withoutTheRegistryKeyNothingCouldVerifyThePoolsUpdateSoNoneIsAppended() {
        String id = "05".repeat(32);
        store.putWorker(POOL_ID, "{}".getBytes(StandardCharsets.UTF_8));
        complete(id, true);

        assertThat(store.receiptUpdates(id)).isEmpty();
        assertThat(signatures).hasValue(0);
    }

    @Test
    void theUpdateIsAppendedOnceWhicheverPathComesFirst() {
        String id = "03".repeat(32);
        complete(id, false);
        assertThat(signatures).hasValue(0);
        store.createReceipt(id, "{}".getBytes(StandardCharsets.UTF_8));
        receipts.receiptCreated(id);
        receipts.receiptCreated(id);

        assertThat(onlyUpdate(id).updateType()).isEqualTo(ReceiptStatus.FAILED.code());
        assertThat(signatures).hasValue(1);
    }

    /** The pool's record, as the Worker Manager publishes it: what it signs verifies under {@code poolKey}. */
    static void putPoolRecord(TcsStore store, PublicKeySign poolKey) {
        store.putWorker(
                POOL_ID,
                ProtocolJson.toBytes(Map.of(
                        "details",
                        Map.of(
                                "workerTypeData",
                                Map.of("verificationKey", poolKey.verifier().pem())))));
    }
}
