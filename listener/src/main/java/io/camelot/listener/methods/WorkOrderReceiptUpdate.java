package io.camelot.listener.methods;

import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.internal.envelope.ReceiptWriters;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.store.TcsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Appends an update to a receipt, as Avalon intended (its handler always failed): nothing after
 * COMPLETED, no PENDING/FAILED/REJECTED after PROCESSED, and PROCESSED/COMPLETED must carry the
 * upper-hex SHA-256 of the stored response. Only the receipt's rightful writers may append (see
 * {@link ReceiptWriters}): the update must be signed by the work order's worker (its registry key)
 * or by the receipt's creator (the key it signed the create with). PROCESSED and FAILED, the
 * worker's outcome, need the worker's key; every other type takes either. The status checks and the
 * append are one compare-and-append, retried if another update got in between.
 */
public final class WorkOrderReceiptUpdate extends DirectMethod<ReceiptUpdateParams> {
    /**
     * A receipt needs a handful of updates (the worker's outcome, the requester's COMPLETED, a few
     * application notes). Each update re-reads every stored one, so the cap bounds what one receipt
     * costs. The worker's own outcome is appended by the worker, not here, so the cap never keeps it
     * out.
     */
    static final int MAX_UPDATES_PER_RECEIPT = 64;

    private static final Set<Long> NOT_AFTER_PROCESSED =
            Set.of((long) ReceiptStatus.PENDING.code(), (long) ReceiptStatus.FAILED.code(), (long)
                    ReceiptStatus.REJECTED.code());

    /** 5..254 are reserved and 255 means "any" (a lookup filter, not a status). */
    private static final long FIRST_APPLICATION_STATUS = 256;

    private final TcsStore store;

    public WorkOrderReceiptUpdate(TcsStore store) {
        super(DirectModelMethod.WORK_ORDER_RECEIPT_UPDATE, Params::receiptUpdate);
        this.store = store;
    }

    @Override
    public RpcOutcome invoke(RpcCall<ReceiptUpdateParams> call) {
        ReceiptUpdateParams p = call.params();
        byte[] rawCreate = requireReceipt(p.workOrderId());
        long type = p.updateType();
        if (ReceiptStatus.of(type).isEmpty() && type < FIRST_APPLICATION_STATUS) {
            throw EeaException.invalidParameter("Invalid data format for updateType");
        }
        Writer writer = writer(p, rawCreate);
        if (ReceiptWriters.isWorkerOutcome(type) && !writer.isWorker()) {
            throw EeaException.invalidParameter("Only the worker's key may write a PROCESSED or FAILED receipt update");
        }
        // FAILED too: a worker-signed FAILED is only ever for the stored error, never for another
        // outcome.
        if (type == ReceiptStatus.PROCESSED.code()
                || type == ReceiptStatus.COMPLETED.code()
                || type == ReceiptStatus.FAILED.code()) {
            requireResponseHash(p);
        }
        // Stored with the key it verified under, so anyone can check it, whatever the caller named.
        byte[] update = ProtocolJson.toBytes(new ReceiptUpdateParams(
                p.workOrderId(),
                p.updaterId(),
                type,
                p.updateData(),
                p.updateSignature(),
                p.signatureRules(),
                writer.key().pem()));
        while (true) {
            requireReceipt(p.workOrderId());
            List<ReceiptUpdateParams> updates = Receipts.updates(store, p.workOrderId());
            if (updates.size() >= MAX_UPDATES_PER_RECEIPT) {
                throw EeaException.invalidParameter(
                        "Receipt has " + MAX_UPDATES_PER_RECEIPT + " updates, no further update allowed");
            }
            requireAllowedAfter(updates, type);
            requireNew(updates, p, writer.key());
            if (store.appendReceiptUpdate(p.workOrderId(), updates.size(), update)) {
                return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Receipt updated successfully");
            }
        }
    }

    private record Writer(PublicKeyVerify key, boolean isWorker) {}

    /**
     * The rightful writer whose key the update verifies under: the worker first, so a creator who
     * reuses the worker's key writes as the worker. A {@code receiptVerificationKey} in the update
     * must name that key.
     */
    private Writer writer(ReceiptUpdateParams p, byte[] rawCreate) {
        if (p.updateSignature() == null || p.updateSignature().isEmpty()) {
            throw EeaException.invalidParameter(
                    "Receipt update needs an updateSignature by the worker's key or the receipt creator's key");
        }
        List<Writer> writers = new ArrayList<>(2);
        store.workOrder(p.workOrderId())
                .flatMap(info -> store.worker(info.workerId()))
                .flatMap(ReceiptWriters::workerKey)
                .ifPresent(key -> writers.add(new Writer(key, true)));
        ReceiptWriters.creatorKey(rawCreate).ifPresent(key -> writers.add(new Writer(key, false)));
        Writer writer = writers.stream()
                .filter(w -> ReceiptWriters.signedBy(w.key(), p))
                .findFirst()
                .orElseThrow(
                        () -> EeaException.invalidParameter(
                                "Receipt update signature does not verify under the worker's key or the receipt creator's key"));
        if (p.receiptVerificationKey() != null
                && !Receipts.verifier(p.receiptVerificationKey())
                        .pem()
                        .equals(writer.key().pem())) {
            throw EeaException.invalidParameter(
                    "receiptVerificationKey is not the key the receipt update signature verifies under");
        }
        return writer;
    }

    private byte[] requireReceipt(String workOrderId) {
        return store.receipt(workOrderId)
                .orElseThrow(() -> EeaException.invalidParameter(
                        "Work order receipt with id " + workOrderId + " is not created yet, hence invalid parameter"));
    }

    private void requireResponseHash(ReceiptUpdateParams p) {
        String expected = store.response(p.workOrderId())
                .map(response -> Hex.upper(Sha256.digest(response)))
                .orElseThrow(() -> EeaException.invalidParameter(
                        "Work order " + p.workOrderId() + " has no result yet. Hence invalid updateType"));
        if (!expected.equals(p.updateData())) {
            throw EeaException.invalidParameter("Update data does not match the hash of the work order result");
        }
    }

    private static void requireAllowedAfter(List<ReceiptUpdateParams> updates, long type) {
        for (ReceiptUpdateParams previous : updates) {
            if (previous.updateType() == ReceiptStatus.COMPLETED.code()) {
                throw EeaException.invalidParameter(
                        "Receipt update status is set to completed, No further update allowed");
            }
            if (previous.updateType() == ReceiptStatus.PROCESSED.code() && NOT_AFTER_PROCESSED.contains(type)) {
                throw EeaException.invalidParameter(
                        "Receipt update status is set to processed, No further pending, failed or rejected update allowed");
            }
        }
    }

    /** A signed update is public, so anyone could replay it; a repeat would only fill the receipt. */
    private static void requireNew(List<ReceiptUpdateParams> updates, ReceiptUpdateParams p, PublicKeyVerify key) {
        for (ReceiptUpdateParams previous : updates) {
            if (Objects.equals(previous.updateType(), p.updateType())
                    && Objects.equals(previous.updateData(), p.updateData())
                    && ReceiptWriters.signedBy(key, previous)) {
                throw EeaException.invalidParameter(
                        "Receipt update repeats an update already appended by the same key");
            }
        }
    }
}
