package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.store.TcsStore;

/** A receipt's create params plus its current status. */
public final class WorkOrderReceiptRetrieve implements RpcMethod {
  private final TcsStore store;

  public WorkOrderReceiptRetrieve(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkOrderReceiptRetrieve";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    String id = Params.workOrderId(call.params()).workOrderId();
    ReceiptCreateParams create =
        Receipts.create(store, id).orElseThrow(() -> EeaException.invalidParameter(Receipts.notFound(id)));
    return RpcOutcome.result(
        ReceiptRetrieveResult.of(create, Receipts.currentStatus(create, Receipts.updates(store, id))));
  }
}
