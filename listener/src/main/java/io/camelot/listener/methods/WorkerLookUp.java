package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.store.TcsStore;

/** All workers matching the filters; empty params match every worker (Avalon refused them). */
public final class WorkerLookUp implements RpcMethod<WorkerLookUpParams> {
    private final TcsStore store;

    public WorkerLookUp(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORKER_LOOK_UP.methodName();
    }

    @Override
    public WorkerLookUpParams params(JsonNode params) {
        return Params.workerLookUp(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<WorkerLookUpParams> call) {
        return RpcOutcome.result(WorkerDirectory.lookUp(store, call.params(), null));
    }
}
