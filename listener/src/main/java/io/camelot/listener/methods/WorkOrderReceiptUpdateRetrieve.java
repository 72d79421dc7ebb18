package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.store.TcsStore;
import java.util.List;

/**
 * One update of a receipt by 1-based index ({@code 1<<32} = the latest) with the total count. A
 * null or absent updaterId matches any updater (Avalon's generic client sends null).
 */
public final class WorkOrderReceiptUpdateRetrieve implements RpcMethod<ReceiptUpdateRetrieveParams> {
    private final TcsStore store;

    public WorkOrderReceiptUpdateRetrieve(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORK_ORDER_RECEIPT_UPDATE_RETRIEVE.methodName();
    }

    @Override
    public ReceiptUpdateRetrieveParams params(JsonNode params) {
        return Params.receiptUpdateRetrieve(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<ReceiptUpdateRetrieveParams> call) {
        ReceiptUpdateRetrieveParams p = call.params();
        if (store.receipt(p.workOrderId()).isEmpty()) {
            throw EeaException.invalidParameter(Receipts.notFound(p.workOrderId()));
        }
        List<ReceiptUpdateParams> updates = Receipts.updates(store, p.workOrderId());
        if (updates.isEmpty()) {
            throw EeaException.invalidParameter(
                    "There is no updates available to this receipt Hence invalid parameter");
        }
        long index = p.updateIndex() == ReceiptUpdateRetrieveParams.LAST_UPDATE ? updates.size() : p.updateIndex();
        if (index > updates.size()) {
            throw EeaException.invalidParameter(
                    "Update index is larger than total update count. Hence invalid parameter");
        }
        ReceiptUpdateParams update = updates.get((int) index - 1);
        if (p.updaterId() != null && !p.updaterId().equals(update.updaterId())) {
            throw EeaException.invalidParameter("Update index and updater id doesn't match Hence invalid parameter");
        }
        return RpcOutcome.result(ReceiptUpdateRetrieveResult.of(update, updates.size()));
    }
}
