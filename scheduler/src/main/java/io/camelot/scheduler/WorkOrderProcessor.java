package io.camelot.scheduler;

import io.camelot.protocol.model.WorkOrderSubmitParams;

/** A worker's execution adaptor: processes one work order and records its outcome in the store. */
public interface WorkOrderProcessor {

    /**
     * Processes the work order and stores its response (a result or an error object) with {@link
     * io.camelot.store.TcsStore#complete}. Must not throw for bad work orders: those complete with an
     * error response.
     *
     * @return the stored response bytes, or null if the work order had already been completed
     */
    byte[] process(QueuedWorkOrder workOrder);

    /**
     * A receipt was created for a work order this worker has completed: append the worker-signed
     * update it would have appended at completion. Workers that sign no receipt updates ignore it.
     */
    default void receiptCreated(String workOrderId) {}

    /**
     * Refuses a work order this worker will not take, before the queue stores it (a singleton worker:
     * one sealed to an encryption key it retired longer ago than its grace period). Workers that
     * refuse nothing at admission ignore it.
     *
     * @throws io.camelot.protocol.EeaException the refusal the requester gets
     */
    default void checkAdmissible(WorkOrderSubmitParams params) {}
}
