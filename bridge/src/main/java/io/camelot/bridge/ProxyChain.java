package io.camelot.bridge;

import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import java.util.Optional;

/**
 * What the {@link Bridge} needs of a proxy-model chain: its WorkOrderSubmitted events, its work
 * order, receipt and worker registries. One implementation per chain (Ethereum, Fabric); everything
 * else (relaying, checkpoints, worker sync, retries, meters) is the bridge's.
 *
 * <p>Writes are single attempts: the bridge retries them under its {@link RetryPolicy}, so a write
 * must be safe to repeat (an earlier attempt may have been committed after all), and
 * {@link #isPermanent} tells which failures would only repeat. The bridge does not close the chain's
 * connection: whoever opened it does.
 */
public interface ProxyChain {

    /** For logs and readiness: the node and the contract or chaincode, e.g. "ethereum http://… 0x…". */
    String describe();

    /** The newest block the chain has; throws when the chain does not answer. */
    long head() throws Exception;

    /**
     * Delivers the events after {@code after} in chain order, and goes on with new ones until this
     * thread is interrupted or the chain fails: every WorkOrderSubmitted event (whoever its worker,
     * whatever its errorCode) to {@link Events#submitted}, and positions the checkpoint may move to
     * when no event of the bridge's is before them (other events, the end of a block range) to
     * {@link Events#passed}.
     *
     * @throws InterruptedException when interrupted (the bridge is stopping)
     * @throws Exception when the chain fails; the bridge calls again, after what was delivered
     */
    void follow(Checkpoint after, Events events) throws Exception;

    /** Where {@link #follow} delivers. Calls block while the bridge has too many relays in flight. */
    interface Events {
        void submitted(ChainWorkOrder order) throws InterruptedException;

        void passed(Checkpoint position) throws InterruptedException;
    }

    /** Whether the ids in the request JSON are those of the event: its key is the submitter's for the id. */
    boolean matches(ChainWorkOrder order, WorkOrderSubmitParams params);

    /** The workOrderResponse on the ledger, if the work order is completed. */
    Optional<String> response(ChainWorkOrder order) throws Exception;

    /** Completes the work order; a completion already on the ledger counts as done. */
    void complete(ChainWorkOrder order, String response) throws Exception;

    /**
     * Records the outcome on the work order's receipt: nothing when its requester created none, or
     * when this worker's update is already there.
     *
     * @param updateData the upper-case hex SHA-256 of the response, as a direct-model completion does
     */
    void updateReceipt(ChainWorkOrder order, ReceiptStatus status, String updateData) throws Exception;

    /** Whether retrying would meet the same failure (a reverted transaction, a chaincode's refusal). */
    boolean isPermanent(Exception failure);

    /** A TCS worker id in the chain's form (what {@link ChainWorkOrder#workerId()} holds). */
    String workerKey(String tcsWorkerId);

    /** A worker as the chain has it. */
    record ChainWorker(int status, String details) {}

    Optional<ChainWorker> worker(String workerKey) throws Exception;

    /** Registers a new worker, which the chain makes active (status 1). */
    void registerWorker(String workerKey, WorkerRecord record, String details) throws Exception;

    void updateWorker(String workerKey, String details) throws Exception;

    void setWorkerStatus(String workerKey, int status) throws Exception;

    /** Lists the worker's organization in the registry list if it is not yet; returns the writes sent. */
    int listOrganization(WorkerRecord record) throws Exception;

    /** The worker's details as published on this chain: with its proxy-model addresses or names. */
    WorkerDetails onChain(WorkerDetails details);
}
