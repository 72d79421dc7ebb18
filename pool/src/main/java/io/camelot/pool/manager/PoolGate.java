package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.worker.RetiredKeys;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Admission for a pool's work orders in front of the queue, so a requester learns at once (and
 * nothing is stored) when a work order cannot be served: one the requester policy refuses
 * (unsigned, or not signed under the dedicated requester key, judged here on the key the request
 * names) answers code 3, a work order sealed to an encryption key retired longer ago than the grace
 * period answers code 2 with {@code data.reason = "encryption-key-retired"}, on which the SDK
 * fetches the worker again and resubmits. The WKM enforces both again with the keys themselves, and
 * verifies the signature.
 */
public final class PoolGate implements WorkOrderQueue {
    private final WorkOrderQueue queue;
    private final String poolWorkerId;
    private final PoolPolicy policy;
    private final Clock clock;
    private volatile Map<String, Long> retiredKeys = Map.of();

    public PoolGate(WorkOrderQueue queue, String poolWorkerId, PoolPolicy policy, Clock clock) {
        this.queue = queue;
        this.poolWorkerId = poolWorkerId;
        this.policy = policy;
        this.clock = clock;
    }

    /** The pool's retired encryption keys (PEM to retirement time), as the WKMs report them. */
    public void retiredKeys(Map<String, Long> retired) {
        this.retiredKeys = Map.copyOf(retired);
    }

    @Override
    public Admission submit(
            String workOrderId, String workerId, WorkOrderSubmitParams params, byte[] requestHash, byte[] rawRequest) {
        if (poolWorkerId.equals(workerId) && params != null) {
            policy.refusal(claimedRequesterKey(params)).ifPresent(reason -> {
                throw new EeaException(
                        WorkOrderStatus.ACCESS_DENIED.code(),
                        reason,
                        JsonNodeFactory.instance.objectNode().put("workOrderId", workOrderId));
            });
            Long retiredAt = retiredKeys.get(RetiredKeys.namedKey(params));
            if (retiredAt != null
                    && clock.millis() > retiredAt + policy.rotationGrace().toMillis()) {
                throw RetiredKeys.error(workOrderId);
            }
        }
        return queue.submit(workOrderId, workerId, params, requestHash, rawRequest);
    }

    /** The key the request says it is signed under; the WKM verifies the signature itself. */
    private static Optional<String> claimedRequesterKey(WorkOrderSubmitParams params) {
        String signature = params.requesterSignature();
        return signature == null || signature.isEmpty() ? Optional.empty() : Optional.ofNullable(params.verifyingKey());
    }

    @Override
    public CompletableFuture<byte[]> completion(String workOrderId) {
        return queue.completion(workOrderId);
    }

    @Override
    public void receiptCreated(String workOrderId) {
        queue.receiptCreated(workOrderId);
    }

    @Override
    public boolean serves(String workerId) {
        return queue.serves(workerId);
    }
}
