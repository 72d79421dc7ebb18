package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.Params;
import io.camelot.protocol.ReceiptLookUp;
import io.camelot.store.TcsStore;

/** All receipts matching the filters; empty params match every receipt. */
public final class WorkOrderReceiptLookUp implements RpcMethod<ReceiptLookUp> {
    private final TcsStore store;

    public WorkOrderReceiptLookUp(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORK_ORDER_RECEIPT_LOOK_UP.methodName();
    }

    @Override
    public ReceiptLookUp params(JsonNode params) {
        return Params.receiptLookUp(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<ReceiptLookUp> call) {
        return RpcOutcome.result(Receipts.lookUp(store, call.params(), null));
    }
}
