package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.store.TcsStore;

/** The workers after the tag (lookUpTag or lookupTag) that match the filters. */
public final class WorkerLookUpNext implements RpcMethod<WorkerLookUpParams> {
    private final TcsStore store;

    public WorkerLookUpNext(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORKER_LOOK_UP_NEXT.methodName();
    }

    @Override
    public WorkerLookUpParams params(JsonNode params) {
        return Params.workerLookUp(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<WorkerLookUpParams> call) {
        WorkerLookUpParams params = call.params();
        return RpcOutcome.result(WorkerDirectory.lookUp(store, params, params.tag()));
    }
}
