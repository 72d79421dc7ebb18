package io.camelot.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkOrderSubmitParams;

/**
 * The replay of security review H1, which every queue must refuse: shared by the listener's tests
 * and the shared PostgreSQL queue's.
 */
public final class Replays {
    private Replays() {}

    /**
     * The same request under another id: the first digit of its id moved onto the end of its nonce.
     * The request hash joins {@code requesterNonce + workOrderId} without a separator, so it does not
     * change, and the requester's signature over it still verifies.
     */
    public static WorkOrderSubmitParams shiftIdDigitOntoNonce(WorkOrderSubmitParams params) {
        String id = params.workOrderId();
        ObjectNode shifted = (ObjectNode) ProtocolJson.toTree(params);
        shifted.put("requesterNonce", params.requesterNonce() + id.charAt(0));
        shifted.put("workOrderId", id.substring(1));
        return ProtocolJson.bind(shifted, WorkOrderSubmitParams.class);
    }
}
