package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.Permission;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModel;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerRegisterParams;
import io.camelot.store.TcsStore;

/** Adds a worker to the directory as ACTIVE; an existing id is refused, never overwritten. */
public final class WorkerRegister implements RpcMethod<WorkerRegisterParams> {
    private final TcsStore store;

    public WorkerRegister(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORKER_REGISTER.methodName();
    }

    @Override
    public Permission permission() {
        return DirectModel.OPERATOR;
    }

    @Override
    public WorkerRegisterParams params(JsonNode params) {
        return Params.workerRegister(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<WorkerRegisterParams> call) {
        WorkerRegisterParams p = call.params();
        if (store.worker(p.workerId()).isPresent()) {
            throw EeaException.invalidParameter("Worker Id already exists in the database. Hence invalid parameter");
        }
        WorkerRecord record = new WorkerRecord(
                p.workerType(), p.organizationId(), p.applicationTypeId(), p.details(), WorkerStatus.ACTIVE.code());
        store.putWorker(p.workerId(), ProtocolJson.toBytes(record));
        return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Registered");
    }
}
