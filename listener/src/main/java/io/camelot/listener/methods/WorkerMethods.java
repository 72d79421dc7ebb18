package io.camelot.listener.methods;

import static io.camelot.listener.DirectModelMethod.ENCRYPTION_KEY_GET;
import static io.camelot.listener.DirectModelMethod.ENCRYPTION_KEY_SET;
import static io.camelot.listener.DirectModelMethod.WORKER_LOOK_UP;
import static io.camelot.listener.DirectModelMethod.WORKER_LOOK_UP_NEXT;
import static io.camelot.listener.DirectModelMethod.WORKER_REGISTER;
import static io.camelot.listener.DirectModelMethod.WORKER_RETRIEVE;
import static io.camelot.listener.DirectModelMethod.WORKER_ROTATE_KEY;
import static io.camelot.listener.DirectModelMethod.WORKER_SET_STATUS;
import static io.camelot.listener.DirectModelMethod.WORKER_UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModel;
import io.camelot.listener.WorkerKeyRotation;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.EncryptionKeyGetParams;
import io.camelot.protocol.model.EncryptionKeyResult;
import io.camelot.protocol.model.WorkerIdParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerRegisterParams;
import io.camelot.protocol.model.WorkerSetStatusParams;
import io.camelot.protocol.model.WorkerTypeData;
import io.camelot.protocol.model.WorkerUpdateParams;
import io.camelot.store.TcsStore;
import java.util.function.Function;

/** The Worker Directory's methods and the encryption key methods, over the store's worker records. */
public final class WorkerMethods {
    private WorkerMethods() {}

    /** All workers matching the filters; empty params match every worker (Avalon refused them). */
    public static RpcMethod<WorkerLookUpParams> lookUp(TcsStore store) {
        return DirectMethod.of(
                WORKER_LOOK_UP, Params::workerLookUp, p -> RpcOutcome.result(WorkerDirectory.lookUp(store, p, null)));
    }

    /** The workers after the tag (lookUpTag or lookupTag) that match the filters. */
    public static RpcMethod<WorkerLookUpParams> lookUpNext(TcsStore store) {
        return DirectMethod.of(
                WORKER_LOOK_UP_NEXT,
                Params::workerLookUp,
                p -> RpcOutcome.result(WorkerDirectory.lookUp(store, p, p.tag())));
    }

    /**
     * The stored worker record, unchanged: its PEMs must reach the client byte for byte because
     * encryptionKeySignature is over the exact text.
     */
    public static RpcMethod<WorkerIdParams> retrieve(TcsStore store) {
        return DirectMethod.of(WORKER_RETRIEVE, Params::workerId, p -> {
            byte[] record = store.worker(p.workerId())
                    .orElseThrow(() -> EeaException.invalidParameter(WorkerDirectory.NOT_FOUND));
            return RpcOutcome.result(ProtocolJson.parse(record));
        });
    }

    /** Adds a worker to the directory as ACTIVE; an existing id is refused, never overwritten. */
    public static RpcMethod<WorkerRegisterParams> register(TcsStore store) {
        return DirectMethod.of(WORKER_REGISTER, Params::workerRegister, DirectModel.OPERATOR, p -> {
            if (store.worker(p.workerId()).isPresent()) {
                throw EeaException.invalidParameter(
                        "Worker Id already exists in the database. Hence invalid parameter");
            }
            WorkerRecord record = new WorkerRecord(
                    p.workerType(), p.organizationId(), p.applicationTypeId(), p.details(), WorkerStatus.ACTIVE.code());
            store.putWorker(p.workerId(), ProtocolJson.toBytes(record));
            return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Registered");
        });
    }

    /** Replaces a registered worker's details. */
    public static RpcMethod<WorkerUpdateParams> update(TcsStore store) {
        return DirectMethod.of(WORKER_UPDATE, Params::workerUpdate, DirectModel.OPERATOR, p -> {
            WorkerDirectory.update(store, p.workerId(), record -> record.withDetails(p.details()));
            return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Updated");
        });
    }

    /** Changes a registered worker's status (1 active .. 4 compromised). */
    public static RpcMethod<WorkerSetStatusParams> setStatus(TcsStore store) {
        return DirectMethod.of(WORKER_SET_STATUS, Params::workerSetStatus, DirectModel.OPERATOR, p -> {
            WorkerDirectory.update(store, p.workerId(), record -> record.withStatus(p.status()));
            return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Successfully Set Status");
        });
    }

    /**
     * Rotates a worker's encryption key (security review L13) in the process that holds its keys, and
     * answers with the new key as EncryptionKeyGet does; the worker has published it already.
     */
    public static RpcMethod<WorkerIdParams> rotateKey(TcsStore store, WorkerKeyRotation rotation) {
        return DirectMethod.of(WORKER_ROTATE_KEY, Params::workerId, DirectModel.OPERATOR, p -> {
            WorkerDirectory.existing(store, p.workerId());
            WorkerRecord rotated = rotation.rotate(p.workerId())
                    .orElseThrow(() -> EeaException.invalidParameter("worker "
                            + p.workerId()
                            + "'s keys are not held by this process: call WorkerRotateKey on the TCS that runs it"));
            return RpcOutcome.result(encryptionKey(p.workerId(), rotated));
        });
    }

    /**
     * The worker's encryption key as published in its record, with the worker's real signature over it;
     * keys are long-lived, so there is no nonce or tag.
     */
    public static RpcMethod<EncryptionKeyGetParams> encryptionKeyGet(TcsStore store) {
        return DirectMethod.of(
                ENCRYPTION_KEY_GET,
                Params::encryptionKeyGet,
                p -> RpcOutcome.result(encryptionKey(p.workerId(), WorkerDirectory.existing(store, p.workerId()))));
    }

    private static EncryptionKeyResult encryptionKey(String workerId, WorkerRecord record) {
        WorkerTypeData typeData =
                record.details() == null ? null : record.details().workerTypeData();
        if (typeData == null || typeData.encryptionKey() == null) {
            throw EeaException.invalidParameter("Worker " + workerId + " publishes no encryption key");
        }
        return new EncryptionKeyResult(workerId, typeData.encryptionKey(), "", "", typeData.encryptionKeySignature());
    }

    /** Requesters cannot set a worker's key: the worker generates it inside its TEE. */
    public static RpcMethod<JsonNode> encryptionKeySet() {
        return DirectMethod.of(
                ENCRYPTION_KEY_SET,
                Function.identity(),
                p -> RpcOutcome.error(
                        ErrorCode.INVALID_PARAMETER.code(), "Operation is not supported. Hence invalid parameter"));
    }
}
