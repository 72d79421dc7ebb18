package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.Permission;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModel;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkerSetStatusParams;
import io.camelot.store.TcsStore;

/** Changes a registered worker's status (1 active .. 4 compromised). */
public final class WorkerSetStatus implements RpcMethod<WorkerSetStatusParams> {
    private final TcsStore store;

    public WorkerSetStatus(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORKER_SET_STATUS.methodName();
    }

    @Override
    public Permission permission() {
        return DirectModel.OPERATOR;
    }

    @Override
    public WorkerSetStatusParams params(JsonNode params) {
        return Params.workerSetStatus(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<WorkerSetStatusParams> call) {
        WorkerSetStatusParams p = call.params();
        var record = WorkerDirectory.existing(store, p.workerId());
        store.putWorker(p.workerId(), ProtocolJson.toBytes(record.withStatus(p.status())));
        return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Set Status");
    }
}
