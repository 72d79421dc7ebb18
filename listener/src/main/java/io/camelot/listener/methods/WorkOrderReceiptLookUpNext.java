package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.Params;
import io.camelot.protocol.ReceiptLookUp;
import io.camelot.store.TcsStore;

/** The receipts after {@code lastLookUpTag} that match the filters. */
public final class WorkOrderReceiptLookUpNext implements RpcMethod {
  private final TcsStore store;

  public WorkOrderReceiptLookUpNext(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkOrderReceiptLookUpNext";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    ReceiptLookUp lookUp = Params.receiptLookUp(call.params());
    return RpcOutcome.result(Receipts.lookUp(store, lookUp, lookUp.params().lastLookUpTag()));
  }
}
