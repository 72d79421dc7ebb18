package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.Params;
import io.camelot.store.TcsStore;

/** All workers matching the filters; empty params match every worker (Avalon refused them). */
public final class WorkerLookUp implements RpcMethod {
  private final TcsStore store;

  public WorkerLookUp(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkerLookUp";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    return RpcOutcome.result(WorkerDirectory.lookUp(store, Params.workerLookUp(call.params()), null));
  }
}
