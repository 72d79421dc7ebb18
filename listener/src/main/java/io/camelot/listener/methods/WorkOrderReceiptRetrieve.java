package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.store.TcsStore;

/** A receipt's create params plus its current status. */
public final class WorkOrderReceiptRetrieve implements RpcMethod<WorkOrderIdParams> {
    private final TcsStore store;

    public WorkOrderReceiptRetrieve(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORK_ORDER_RECEIPT_RETRIEVE.methodName();
    }

    @Override
    public WorkOrderIdParams params(JsonNode params) {
        return Params.workOrderId(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<WorkOrderIdParams> call) {
        String id = call.params().workOrderId();
        ReceiptCreateParams create =
                Receipts.create(store, id).orElseThrow(() -> EeaException.invalidParameter(Receipts.notFound(id)));
        return RpcOutcome.result(
                ReceiptRetrieveResult.of(create, Receipts.currentStatus(create, Receipts.updates(store, id))));
    }
}
