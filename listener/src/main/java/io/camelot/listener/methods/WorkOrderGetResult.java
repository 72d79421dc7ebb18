package io.camelot.listener.methods;

import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.store.TcsStore;
import java.util.Optional;

/** The stored outcome of a work order, or "pending" (code 5, the only code clients poll on). */
public final class WorkOrderGetResult extends DirectMethod<WorkOrderIdParams> {
    static final String PENDING = "Work order result is yet to be updated";
    static final String NOT_FOUND = "Work order Id not found in the database. Hence invalid parameter";

    private final TcsStore store;

    public WorkOrderGetResult(TcsStore store) {
        super(DirectModelMethod.WORK_ORDER_GET_RESULT, params -> WorkOrders.parse(params, Params::workOrderId));
        this.store = store;
    }

    @Override
    public RpcOutcome invoke(RpcCall<WorkOrderIdParams> call) {
        String id = call.params().workOrderId();
        Optional<byte[]> response = store.response(id);
        if (response.isPresent()) {
            return WorkOrders.outcome(response.get());
        }
        if (store.request(id).isPresent()) {
            return WorkOrders.error(WorkOrderStatus.PENDING.code(), PENDING, id);
        }
        return WorkOrders.error(ErrorCode.INVALID_PARAMETER.code(), NOT_FOUND, id);
    }
}
