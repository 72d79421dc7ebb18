package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.Params;
import io.camelot.store.TcsStore;

/** All receipts matching the filters; empty params match every receipt. */
public final class WorkOrderReceiptLookUp implements RpcMethod {
  private final TcsStore store;

  public WorkOrderReceiptLookUp(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkOrderReceiptLookUp";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(Receipts.lookUp(store, Params.receiptLookUp(call.params()), null));
  }
}
