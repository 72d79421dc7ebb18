package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkerIdParams;
import io.camelot.store.TcsStore;

/**
 * The stored worker record, unchanged: its PEMs must reach the client byte for byte because
 * encryptionKeySignature is over the exact text.
 */
public final class WorkerRetrieve implements RpcMethod<WorkerIdParams> {
    private final TcsStore store;

    public WorkerRetrieve(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.WORKER_RETRIEVE.methodName();
    }

    @Override
    public WorkerIdParams params(JsonNode params) {
        return Params.workerId(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<WorkerIdParams> call) {
        String workerId = call.params().workerId();
        byte[] record =
                store.worker(workerId).orElseThrow(() -> EeaException.invalidParameter(WorkerDirectory.NOT_FOUND));
        return RpcOutcome.result(ProtocolJson.parse(record));
    }
}
