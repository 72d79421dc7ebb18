package io.camelot.worker;

import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.internal.envelope.ReceiptWriters;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.store.TcsStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The worker-signed PROCESSED or FAILED update of a receipt, shared by the singleton worker (which
 * holds its key) and a pool's WKMs (which hold the pool's): when it is due, what it says, and
 * appending it to a receipt created after the work order completed.
 */
public final class WorkerReceiptUpdates {
    private WorkerReceiptUpdates() {}

    /**
     * Due unless the worker's own outcome is there: a PROCESSED, FAILED or COMPLETED update that
     * verifies under {@code workerKey}, or a COMPLETED by the receipt's creator (the key it signed
     * the create with), after which a receipt takes no update. Updates under any other key are
     * ignored, so nobody else can keep the worker's update out.
     *
     * @param workerKey the worker's registry verification key (a pool's: the pool key)
     */
    public static boolean due(byte[] rawCreate, List<byte[]> existing, PublicKeyVerify workerKey) {
        for (byte[] bytes : existing) {
            ReceiptUpdateParams update = ProtocolJson.bind(bytes, ReceiptUpdateParams.class);
            Long type = update.updateType();
            if (type == null) {
                continue;
            }
            boolean completed = type == ReceiptStatus.COMPLETED.code();
            if ((completed || ReceiptWriters.isWorkerOutcome(type)) && ReceiptWriters.signedBy(workerKey, update)) {
                return false;
            }
            // Looked up only for a COMPLETED, which ends a receipt's updates.
            if (completed
                    && ReceiptWriters.creatorKey(rawCreate)
                            .filter(key -> ReceiptWriters.signedBy(key, update))
                            .isPresent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The update for a stored outcome, signed by {@code key}: FAILED for an error, else PROCESSED,
     * with the SHA-256 of the exact stored response bytes as its data.
     *
     * @param updaterId the worker's id (not covered by the signature)
     */
    public static ReceiptUpdateParams signed(
            PublicKeySign key, String updaterId, String workOrderId, WorkOrderResponse response, byte[] responseBytes) {
        long type = response.failed() ? ReceiptStatus.FAILED.code() : ReceiptStatus.PROCESSED.code();
        String data = Hex.upper(Sha256.digest(responseBytes));
        return new ReceiptUpdateParams(
                workOrderId,
                updaterId,
                type,
                data,
                Signatures.receiptUpdateSignature(key, workOrderId, type, data),
                ReceiptCreateParams.SIGNATURE_RULES,
                key.verifier().pem());
    }

    /**
     * Appends the update to the receipt of a completed work order, if it has one and the update is
     * due. Compare-and-append: a concurrent update makes it look again rather than append blindly; a
     * missing receipt makes the append fail too, and then there is nothing to update. {@code update}
     * is built once, and only if due.
     *
     * @param workerKey the key {@code update} is signed with, as for {@link #due}
     */
    public static void append(TcsStore store, String workOrderId, PublicKeyVerify workerKey, Supplier<byte[]> update) {
        byte[] built = null;
        Optional<byte[]> rawCreate;
        while ((rawCreate = store.receipt(workOrderId)).isPresent()) {
            List<byte[]> updates = store.receiptUpdates(workOrderId);
            if (!due(rawCreate.get(), updates, workerKey)) {
                return;
            }
            if (built == null) {
                built = update.get();
            }
            if (store.appendReceiptUpdate(workOrderId, updates.size(), built)) {
                return;
            }
        }
    }
}
