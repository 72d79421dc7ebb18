package io.camelot.bridge;

import java.util.Objects;

/**
 * A work order as a WorkOrderSubmitted event announced it.
 *
 * @param key the ledger's key of the work order (derived from its submitter and chosen id); what the
 *     chain's completion and receipt functions take
 * @param workerId the worker's id in the chain's form ({@link ProxyChain#workerKey})
 * @param requesterId the requester id the submitter gave
 * @param request the workOrderRequest argument: the JSON, or an https:// URI of it
 * @param submitter who sent the transaction, in the chain's form (an address, an MSP identity), for
 *     {@link ProxyChain#matches}
 * @param errorCode the event's errorCode: 0 when the chain accepted the work order
 * @param position where the event is; handling it lets the checkpoint pass it
 */
public record ChainWorkOrder(
        String key,
        String workerId,
        String requesterId,
        String request,
        String submitter,
        int errorCode,
        Checkpoint position) {
    public ChainWorkOrder {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(position, "position");
    }
}
