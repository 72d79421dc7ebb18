package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.EncryptionKeyGetParams;
import io.camelot.protocol.model.EncryptionKeyResult;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import io.camelot.store.TcsStore;

/**
 * The worker's encryption key as published in its record, with the worker's real signature over it;
 * keys are long-lived, so there is no nonce or tag.
 */
public final class EncryptionKeyGet implements RpcMethod<EncryptionKeyGetParams> {
    private final TcsStore store;

    public EncryptionKeyGet(TcsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return DirectModelMethod.ENCRYPTION_KEY_GET.methodName();
    }

    @Override
    public EncryptionKeyGetParams params(JsonNode params) {
        return Params.encryptionKeyGet(params);
    }

    @Override
    public RpcOutcome invoke(RpcCall<EncryptionKeyGetParams> call) {
        String workerId = call.params().workerId();
        WorkerRecord record = WorkerDirectory.existing(store, workerId);
        WorkerTypeData typeData =
                record.details() == null ? null : record.details().workerTypeData();
        if (typeData == null || typeData.encryptionKey() == null) {
            throw EeaException.invalidParameter("Worker " + workerId + " publishes no encryption key");
        }
        return RpcOutcome.result(
                new EncryptionKeyResult(workerId, typeData.encryptionKey(), "", "", typeData.encryptionKeySignature()));
    }
}
