package io.camelot.listener.methods;

import io.camelot.listener.Permission;
import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerRegisterParams;
import io.camelot.store.TcsStore;

/** Adds a worker to the directory as ACTIVE; an existing id is refused, never overwritten. */
public final class WorkerRegister implements RpcMethod {
  private final TcsStore store;

  public WorkerRegister(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkerRegister";
  }

  @Override
  public Permission permission() {
    return Permission.OPERATOR;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    WorkerRegisterParams p = Params.workerRegister(call.params());
    if (store.worker(p.workerId()).isPresent()) {
      throw EeaException.invalidParameter("Worker Id already exists in the database. Hence invalid parameter");
    }
    WorkerRecord record =
        new WorkerRecord(
            p.workerType(), p.organizationId(), p.applicationTypeId(), p.details(), WorkerStatus.ACTIVE.code());
    store.putWorker(p.workerId(), ProtocolJson.toBytes(record));
    return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Registered");
  }
}
