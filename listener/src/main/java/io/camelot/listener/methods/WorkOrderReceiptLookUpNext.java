package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.store.TcsStore;

/** The receipts after {@code lastLookUpTag} that match the filters. */
public final class WorkOrderReceiptLookUpNext implements RpcMethod<ReceiptLookUpParams> {
  private final TcsStore store;

  public WorkOrderReceiptLookUpNext(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return DirectModelMethod.WORK_ORDER_RECEIPT_LOOK_UP_NEXT.methodName();
  }

  @Override
  public ReceiptLookUpParams params(JsonNode params) {
    return Params.receiptLookUp(params);
  }

  @Override
  public RpcOutcome invoke(RpcCall<ReceiptLookUpParams> call) {
    ReceiptLookUpParams params = call.params();
    return RpcOutcome.result(Receipts.lookUp(store, params, params.lastLookUpTag()));
  }
}
