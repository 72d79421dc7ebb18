package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcCallException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.internal.envelope.ReceiptWriters;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.store.TcsStore;
import io.camelot.worker.WorkerReceiptUpdates;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the pool-signed PROCESSED or FAILED update to the receipt of a pool work order, as the
 * singleton worker does for its own. The pool's signing key is in the WKMs, so a WKM signs it
 * (SignReceiptUpdate), outside the store's transaction: the outcome commits first, then the update
 * is appended compare-and-append, both when the work order completes and when its receipt is
 * created later. An update no WKM could sign then is tried again after the next work order the pool
 * completes, when a WKM answers again; the outcome itself is never held back.
 */
final class PoolReceipts {
    private static final Logger log = LoggerFactory.getLogger(PoolReceipts.class);

    /** Refusals no retry changes: the WKM found the outcome is not the pool's, or malformed. */
    private static final List<Integer> REFUSALS =
            List.of(PoolApi.NOT_ADMITTED, WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE.code());

    /** Signs a receipt update with the pool key, in a WKM. */
    @FunctionalInterface
    interface Signer {
        /**
         * @param request the stored request's params (the result is checked against it), or null
         */
        ReceiptUpdateParams sign(String workOrderId, String workerId, byte[] response, JsonNode request);
    }

    private final TcsStore store;
    private final Set<String> unsigned = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile Signer signer;

    PoolReceipts(TcsStore store) {
        this.store = store;
    }

    void signWith(Signer signer) {
        this.signer = signer;
    }

    /** A pool work order's outcome has just been stored. */
    void completed(String workOrderId, String workerId, byte[] response, JsonNode request) {
        if (append(workOrderId, workerId, response, request)
                && !unsigned.isEmpty()
                && retrying.compareAndSet(false, true)) {
            Thread.ofVirtual().name("pool-receipt-retry").start(this::retryUnsigned);
        }
    }

    /** A receipt was created for a completed pool work order. */
    void receiptCreated(String workOrderId) {
        byte[] response = store.response(workOrderId).orElse(null);
        String workerId = store.workOrder(workOrderId)
                .map(TcsStore.WorkOrderInfo::workerId)
                .orElse(null);
        if (response == null || workerId == null) {
            unsigned.remove(workOrderId);
            return;
        }
        JsonNode request = store.request(workOrderId)
                .map(raw -> ProtocolJson.parse(raw).get("params"))
                .orElse(null);
        append(workOrderId, workerId, response, request);
    }

    /** Returns false when no WKM could sign it now (the work order is kept to try again). */
    private boolean append(String workOrderId, String workerId, byte[] response, JsonNode request) {
        // The key the listener checks the pool's updates against, so both agree on what is the pool's.
        PublicKeyVerify poolKey =
                store.worker(workerId).flatMap(ReceiptWriters::workerKey).orElse(null);
        if (poolKey == null) {
            unsigned.remove(workOrderId);
            log.error(
                    "Pool worker {} has no verification key in the Worker Directory; the receipt of work order {}"
                            + " gets no pool-signed update",
                    workerId,
                    workOrderId);
            return true;
        }
        try {
            WorkerReceiptUpdates.append(store, workOrderId, poolKey, () -> {
                Signer current = signer;
                if (current == null) {
                    throw new IllegalStateException("no Worker Manager signs this pool's receipt updates yet");
                }
                return ProtocolJson.toBytes(current.sign(workOrderId, workerId, response, request));
            });
            unsigned.remove(workOrderId);
            return true;
        } catch (RpcCallException e) {
            if (REFUSALS.contains(e.code())) {
                unsigned.remove(workOrderId);
                log.error(
                        "The pool's WKM refused to sign the receipt update of work order {}: {}",
                        workOrderId,
                        e.peerMessage());
                return true;
            }
            return keepUnsigned(workOrderId, e);
        } catch (RuntimeException e) {
            return keepUnsigned(workOrderId, e);
        }
    }

    private boolean keepUnsigned(String workOrderId, RuntimeException e) {
        unsigned.add(workOrderId);
        log.warn(
                "The receipt update of work order {} could not be signed now and is tried again after the pool's"
                        + " next completed work order: {}",
                workOrderId,
                e.getMessage());
        return false;
    }

    private void retryUnsigned() {
        try {
            for (String workOrderId : List.copyOf(unsigned)) {
                receiptCreated(workOrderId);
            }
        } finally {
            retrying.set(false);
        }
    }
}
