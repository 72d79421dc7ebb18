package io.camelot.listener.methods;

import static io.camelot.listener.DirectModelMethod.WORK_ORDER_RECEIPT_LOOK_UP;
import static io.camelot.listener.DirectModelMethod.WORK_ORDER_RECEIPT_LOOK_UP_NEXT;
import static io.camelot.listener.DirectModelMethod.WORK_ORDER_RECEIPT_RETRIEVE;
import static io.camelot.listener.DirectModelMethod.WORK_ORDER_RECEIPT_UPDATE_RETRIEVE;

import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ReceiptLookUp;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.store.TcsStore;
import java.util.List;

/**
 * The receipt methods that only read: lookups and retrieves. Creating and updating a receipt are
 * {@link WorkOrderReceiptCreate} and {@link WorkOrderReceiptUpdate}.
 */
public final class ReceiptMethods {
    private ReceiptMethods() {}

    /** All receipts matching the filters; empty params match every receipt. */
    public static RpcMethod<ReceiptLookUp> lookUp(TcsStore store) {
        return DirectMethod.of(
                WORK_ORDER_RECEIPT_LOOK_UP,
                Params::receiptLookUp,
                lookUp -> RpcOutcome.result(Receipts.lookUp(store, lookUp, null)));
    }

    /** The receipts after {@code lastLookUpTag} that match the filters. */
    public static RpcMethod<ReceiptLookUp> lookUpNext(TcsStore store) {
        return DirectMethod.of(
                WORK_ORDER_RECEIPT_LOOK_UP_NEXT,
                Params::receiptLookUp,
                lookUp -> RpcOutcome.result(
                        Receipts.lookUp(store, lookUp, lookUp.params().lastLookUpTag())));
    }

    /** A receipt's create params plus its current status. */
    public static RpcMethod<WorkOrderIdParams> retrieve(TcsStore store) {
        return DirectMethod.of(WORK_ORDER_RECEIPT_RETRIEVE, Params::workOrderId, p -> {
            String id = p.workOrderId();
            ReceiptCreateParams create =
                    Receipts.create(store, id).orElseThrow(() -> EeaException.invalidParameter(Receipts.notFound(id)));
            return RpcOutcome.result(
                    ReceiptRetrieveResult.of(create, Receipts.currentStatus(create, Receipts.updates(store, id))));
        });
    }

    /**
     * One update of a receipt by 1-based index ({@code 1<<32} = the latest) with the total count. A
     * null or absent updaterId matches any updater (Avalon's generic client sends null).
     */
    public static RpcMethod<ReceiptUpdateRetrieveParams> updateRetrieve(TcsStore store) {
        return DirectMethod.of(
                WORK_ORDER_RECEIPT_UPDATE_RETRIEVE, Params::receiptUpdateRetrieve, p -> updateRetrieve(store, p));
    }

    private static RpcOutcome updateRetrieve(TcsStore store, ReceiptUpdateRetrieveParams p) {
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
