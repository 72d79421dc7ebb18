package io.camelot.scheduler;

import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.store.TcsStore;
import java.util.concurrent.CompletableFuture;

/**
 * The Workorder Queue Manager as the listener sees it: admission, durable enqueue, and completion
 * events. Processing happens elsewhere (workers attach to the queue); completions are signalled,
 * never polled for.
 */
public interface WorkOrderQueue {

    /**
     * Admits a validated work order: refuses it when the queue is full or the store refuses it (its
     * id or its request hash is known, {@link TcsStore#submit}), otherwise stores the raw request
     * durably and hands it to its worker. Returns only after the store commit.
     *
     * @param requestHash the request hash of {@code params}, computed once by the listener
     * @param rawRequest the JSON-RPC request exactly as received, kept for recovery and receipts
     * @throws io.camelot.protocol.EeaException if the work order's dependencies extension names an
     *     unknown predecessor (code 2); nothing is stored then
     */
    Admission submit(
            String workOrderId, String workerId, WorkOrderSubmitParams params, byte[] requestHash, byte[] rawRequest);

    /**
     * A future that completes with the stored response bytes (a serialised {@link
     * io.camelot.protocol.model.WorkOrderResponse}) once the work order has completed; already
     * complete if it has. Never completes for an unknown id.
     */
    CompletableFuture<byte[]> completion(String workOrderId);

    /**
     * Tells the work order's worker that a receipt now exists, so that, if the work order has already
     * completed, the worker appends its signed PROCESSED or FAILED update (a work order completing
     * later appends it as part of its completion).
     */
    void receiptCreated(String workOrderId);

    /**
     * Whether a processor for the worker is known to take its work orders, so that the listener
     * admits none that would only wait forever (and hold a slot of {@code maxOutstanding}). A queue
     * that cannot tell answers true.
     */
    boolean serves(String workerId);

    enum Admission {
        ACCEPTED,
        /** The id is known with this request hash: the same request sent again. */
        IDENTICAL,
        /** The id is known with another request. */
        DUPLICATE,
        /** The id is new but its request hash is known: a request replayed under another id. */
        REPLAYED,
        BUSY,
        /** The store is nearly full: refused like {@link #BUSY}, with its own reason. */
        STORE_FULL;

        /** The admission that the store's answer to a submission means. */
        public static Admission of(TcsStore.SubmitResult stored) {
            return switch (stored) {
                case ACCEPTED -> ACCEPTED;
                case IDENTICAL -> IDENTICAL;
                case DUPLICATE -> DUPLICATE;
                case REPLAYED -> REPLAYED;
                case FULL -> STORE_FULL;
            };
        }
    }
}
