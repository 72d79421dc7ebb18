package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.store.TcsStore;

/** The workers after the tag (lookUpTag or lookupTag) that match the filters. */
public final class WorkerLookUpNext implements RpcMethod {
  private final TcsStore store;

  public WorkerLookUpNext(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkerLookUpNext";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    WorkerLookUpParams params = Params.workerLookUp(call.params());
    return RpcOutcome.result(WorkerDirectory.lookUp(store, params, params.tag()));
  }
}
