package io.camelot.worker;

import static io.camelot.protocol.WireEdits.edited;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the worker's own receipt update is due: only updates by the receipt's writers count. */
class WorkerReceiptUpdatesTest {
    static final String ID = "0a".repeat(32);

    final PublicKeySign worker = Secp256k1.generate();
    final PublicKeySign creator = Secp256k1.generate();
    final PublicKeySign stranger = Secp256k1.generate();

    @Test
    void updatesByAnyoneButTheWorkerOrTheCreatorNeverMakeItNotDue() {
        byte[] create = create(creator, true);
        for (long type : new long[] {1, 2, 3}) {
            assertThat(WorkerReceiptUpdates.due(create, List.of(unsigned(type)), worker.verifier()))
                    .isTrue();
            assertThat(WorkerReceiptUpdates.due(create, List.of(signed(type, stranger)), worker.verifier()))
                    .isTrue();
        }
        assertThat(WorkerReceiptUpdates.due(create, List.of(signed(0, worker), signed(300, worker)), worker.verifier()))
                .isTrue();
    }

    @Test
    void theWorkersOutcomeOrACompletedByAWriterMakesItNotDue() {
        byte[] signedCreate = create(creator, true);
        for (long type : new long[] {1, 2, 3}) {
            assertThat(WorkerReceiptUpdates.due(
                            signedCreate, List.of(unsigned(type), signed(type, worker)), worker.verifier()))
                    .isFalse();
        }
        assertThat(WorkerReceiptUpdates.due(signedCreate, List.of(signed(1, creator)), worker.verifier()))
                .isFalse();
        // The creator writes only with a key it signed the create with.
        assertThat(WorkerReceiptUpdates.due(create(creator, false), List.of(signed(1, creator)), worker.verifier()))
                .isTrue();
        assertThat(WorkerReceiptUpdates.due(signedCreate, List.of(signed(2, creator)), worker.verifier()))
                .isTrue();
    }

    @Test
    void appendAddsTheUpdateOnceAfterAThirdPartysUpdate(@TempDir Path dir) {
        try (TcsStore store = LmdbTcsStore.open(dir.resolve("store"))) {
            store.submit(ID, "ab", Sha256.digest(ID), "{}".getBytes(StandardCharsets.UTF_8), 1);
            store.complete(new TcsStore.Completion(ID, "{}".getBytes(StandardCharsets.UTF_8), 2, Map.of(), null));
            assertThat(store.createReceipt(ID, create(creator, true))).isTrue();
            assertThat(store.appendReceiptUpdate(ID, 0, unsigned(2))).isTrue();
            byte[] own = signed(2, worker);
            AtomicInteger built = new AtomicInteger();

            for (int i = 0; i < 2; i++) {
                WorkerReceiptUpdates.append(store, ID, worker.verifier(), () -> {
                    built.incrementAndGet();
                    return own;
                });
            }

            assertThat(built).hasValue(1);
            assertThat(store.receiptUpdates(ID)).hasSize(2);
            assertThat(store.receiptUpdates(ID).getLast()).isEqualTo(own);
        }
    }

    static byte[] unsigned(long type) {
        return ProtocolJson.toBytes(new ReceiptUpdateParams(ID, "ab", type, "00", null, null, null));
    }

    static byte[] signed(long type, PublicKeySign key) {
        return ProtocolJson.toBytes(new ReceiptUpdateParams(
                ID,
                "ab",
                type,
                "00",
                Signatures.receiptUpdateSignature(key, ID, type, "00"),
                ReceiptCreateParams.SIGNATURE_RULES,
                key.verifier().pem()));
    }

    /** A stored create request naming {@code key}, signed with it or not. */
    static byte[] create(PublicKeySign key, boolean sign) {
        ReceiptCreateParams unsigned = new ReceiptCreateParams(
                ID,
                "ab",
                "ab",
                "cd",
                (long) ReceiptStatus.PENDING.code(),
                "AA==",
                "1",
                null,
                ReceiptCreateParams.SIGNATURE_RULES,
                key.verifier().pem());
        ReceiptCreateParams create = !sign
                ? unsigned
                : edited(
                        unsigned,
                        json -> json.put("requesterSignature", Signatures.receiptCreateSignature(key, unsigned)));
        return ProtocolJson.toBytes(
                Map.of("jsonrpc", "2.0", "method", "WorkOrderReceiptCreate", "id", 1, "params", create));
    }
}
