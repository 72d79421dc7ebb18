package io.camelot.scheduler;

import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;

/**
 * Holds back work orders that declare {@link Dependencies} until they may run: their predecessors
 * ({@code after}) have completed successfully and they hold their resource locks ({@code reads}
 * shared, {@code writes} exclusive). It sits in the queue manager above the per-worker lanes, so it
 * orders work orders of one resource whatever worker they go to.
 *
 * <p>Everything it knows is recoverable from the stored requests and responses: after a restart the
 * queue registers the pending work orders again, and predecessor outcomes are read from the store.
 * The shared PostgreSQL queue of scale-out deployments applies the same rules ({@link
 * DependencyRules}) in its claim query instead, with its tables in the database.
 */
public interface DependencyGate {

    /**
     * Refuses, before anything is stored, a work order naming a predecessor the TCS does not know (so
     * no cycle can ever form: a predecessor must exist before its successor), a hand-off from a work
     * order of another worker, or resources without a requester signature that verifies ({@link
     * DependencyRules#checkAdmissible}).
     *
     * @param params a work order with dependencies
     * @throws io.camelot.protocol.EeaException code 2 naming the offending id or the reason
     */
    void checkAdmissible(String workOrderId, String workerId, WorkOrderSubmitParams params);

    /**
     * Tracks an admitted work order: {@link Events#ready} once it may run, or {@link
     * Events#predecessorFailed} if a predecessor failed.
     */
    void register(QueuedWorkOrder workOrder, Dependencies deps);

    /**
     * The work order's outcome is durable: release its locks, forget it if it still waited for
     * predecessors (it failed unrun, e.g. expired), and resolve the work orders waiting for it.
     * Called for every completion; cheap for work orders the gate does not track.
     *
     * @param response the stored response bytes
     */
    void completed(String workOrderId, byte[] response);

    /** What the gate tells the queue; called outside the gate's own lock. */
    interface Events {
        void ready(QueuedWorkOrder workOrder);

        /** The work order must fail: {@code reason} names the predecessor and why. */
        void predecessorFailed(QueuedWorkOrder workOrder, String predecessorId, String reason);
    }
}
