package io.camelot.listener.methods;

import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.store.TcsStore;
import java.util.Base64;

/**
 * Creates the receipt of a submitted work order, once. The receipt must name the request by its
 * hash (recomputed here from the stored request), and its worker, service and requester ids, when
 * given, must be the request's. When signed, it must verify under the given key, which then may
 * write the receipt's updates (WorkOrderReceiptUpdate); an unsigned receipt's key may not. Success
 * is reported as Avalon does: an error object with code 0.
 */
public final class WorkOrderReceiptCreate extends DirectMethod<ReceiptCreateParams> {
    private final TcsStore store;
    private final WorkOrderQueue queue;

    public WorkOrderReceiptCreate(TcsStore store, WorkOrderQueue queue) {
        super(DirectModelMethod.WORK_ORDER_RECEIPT_CREATE, Params::receiptCreate);
        this.store = store;
        this.queue = queue;
    }

    @Override
    public RpcOutcome invoke(RpcCall<ReceiptCreateParams> call) {
        ReceiptCreateParams p = call.params();
        byte[] request = store.request(p.workOrderId())
                .orElseThrow(
                        () -> EeaException.invalidParameter("Work order id does not exist, hence invalid request"));
        if (store.receipt(p.workOrderId()).isPresent()) {
            throw alreadyExists();
        }
        WorkOrderSubmitParams submitted =
                Params.workOrderSubmit(ProtocolJson.parse(request).get("params"));
        // Lookups filter on these ids, so a receipt must not claim another worker or requester.
        requireSameId("workerId", p.workerId(), submitted.workerId());
        requireSameId("workerServiceId", p.workerServiceId(), submitted.workerId());
        requireSameId("requesterId", p.requesterId(), submitted.requesterId());
        String requestHash = Base64.getEncoder().encodeToString(WorkOrderHashes.requestHash(submitted));
        if (!requestHash.equals(p.workOrderRequestHash())) {
            throw EeaException.invalidParameter("Work order request hash does not match");
        }
        boolean signed =
                p.requesterSignature() != null && !p.requesterSignature().isEmpty();
        if (signed && !Signatures.verifyReceiptCreate(Receipts.verifier(p.receiptVerificationKey()), p)) {
            throw EeaException.invalidParameter("Receipt create requester signature does not match");
        }
        requireRequesterKeyOfSignedWorkOrder(submitted, signed ? p.receiptVerificationKey() : null);
        if (!store.createReceipt(p.workOrderId(), call.rawRequest())) {
            throw alreadyExists();
        }
        queue.receiptCreated(p.workOrderId());
        return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Receipt created successfully");
    }

    /**
     * The receipt of a signed work order is its requester's: created only under the key that signed
     * the request, so nobody else becomes the receipt's creator (and so one of its rightful writers).
     * An unsigned work order names no one; its receipt goes to whoever creates it first.
     */
    private static void requireRequesterKeyOfSignedWorkOrder(WorkOrderSubmitParams submitted, String createKey) {
        String requestKey = submitted.verifyingKey();
        boolean requestSigned = submitted.requesterSignature() != null
                && !submitted.requesterSignature().isEmpty()
                && requestKey != null
                && !requestKey.isEmpty();
        if (!requestSigned) {
            return;
        }
        if (createKey == null || !sameKey(requestKey, createKey)) {
            throw EeaException.invalidParameter(
                    "The work order was signed by its requester: its receipt must be created signed with the same key");
        }
    }

    private static boolean sameKey(String requestKeyPem, String createKeyPem) {
        try {
            return Secp256k1.verifierFromPem(requestKeyPem)
                    .pem()
                    .equals(Receipts.verifier(createKeyPem).pem());
        } catch (CryptoException e) {
            return false;
        }
    }

    /** A hex id is the same with or without 0x and in either case. */
    private static void requireSameId(String field, String given, String submitted) {
        if (given != null && !Params.stripHexPrefix(given).equalsIgnoreCase(Params.stripHexPrefix(submitted))) {
            throw EeaException.invalidParameter("Receipt " + field + " does not match the work order's");
        }
    }

    private static EeaException alreadyExists() {
        return EeaException.invalidParameter("Work order receipt already exists. Hence invalid parameter");
    }
}
