package io.camelot.listener.methods;

import io.camelot.listener.Permission;
import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkerUpdateParams;
import io.camelot.store.TcsStore;

/** Replaces a registered worker's details. */
public final class WorkerUpdate implements RpcMethod {
  private final TcsStore store;

  public WorkerUpdate(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkerUpdate";
  }

  @Override
  public Permission permission() {
    return Permission.OPERATOR;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    WorkerUpdateParams p = Params.workerUpdate(call.params());
    var record = WorkerDirectory.existing(store, p.workerId());
    store.putWorker(p.workerId(), ProtocolJson.toBytes(record.withDetails(p.details())));
    return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Updated");
  }
}
