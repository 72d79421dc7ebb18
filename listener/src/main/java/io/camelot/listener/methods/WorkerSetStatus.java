package io.camelot.listener.methods;

import io.camelot.listener.Permission;
import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkerSetStatusParams;
import io.camelot.store.TcsStore;

/** Changes a registered worker's status (1 active .. 4 compromised). */
public final class WorkerSetStatus implements RpcMethod {
  private final TcsStore store;

  public WorkerSetStatus(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkerSetStatus";
  }

  @Override
  public Permission permission() {
    return Permission.OPERATOR;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    WorkerSetStatusParams p = Params.workerSetStatus(call.params());
    var record = WorkerDirectory.existing(store, p.workerId());
    store.putWorker(p.workerId(), ProtocolJson.toBytes(record.withStatus(p.status())));
    return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Set Status");
  }
}
