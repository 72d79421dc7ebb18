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
import io.camelot.protocol.model.WorkerUpdateParams;
import io.camelot.store.TcsStore;

/** Replaces a registered worker's details. */
public final class WorkerUpdate implements RpcMethod<WorkerUpdateParams> {
    private final TcsStore store;

    public WorkerUpdate(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORKER_UPDATE.methodName();
    }

    @Override
    public Permission permission() {
        return DirectModel.OPERATOR;
    }

    @Override
    public WorkerUpdateParams params(JsonNode params) {
        return Params.workerUpdate(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<WorkerUpdateParams> call) {
        WorkerUpdateParams p = call.params();
        var record = WorkerDirectory.existing(store, p.workerId());
        store.putWorker(p.workerId(), ProtocolJson.toBytes(record.withDetails(p.details())));
        return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Updated");
    }
}
