package io.camelot.listener.methods;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.LookUpResult;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.TcsStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Reads of the Worker Directory shared by the worker methods. */
final class WorkerDirectory {
    static final String NOT_FOUND = "Worker Id not found in the database. Hence invalid parameter";

    private WorkerDirectory() {}

    static Optional<WorkerRecord> record(TcsStore store, String workerId) {
        return store.worker(workerId).map(bytes -> ProtocolJson.bind(bytes, WorkerRecord.class));
    }

    static WorkerRecord existing(TcsStore store, String workerId) {
        return record(store, workerId).orElseThrow(() -> EeaException.invalidParameter(NOT_FOUND));
    }

    /** Replaces a registered worker's record with what {@code change} makes of it. */
    static void update(TcsStore store, String workerId, UnaryOperator<WorkerRecord> change) {
        store.putWorker(workerId, ProtocolJson.toBytes(change.apply(existing(store, workerId))));
    }

    /**
     * A page of the workers matching every filter given (none given matches all), in key order; with
     * a tag, only those after the worker whose id equals it.
     */
    static LookUpResult lookUp(TcsStore store, WorkerLookUpParams filter, String afterTag) {
        return LookUpPage.after(
                store::workerIds,
                afterTag,
                id -> record(store, id)
                        .filter(record -> matches(record, filter))
                        .isPresent());
    }

    private static boolean matches(WorkerRecord record, WorkerLookUpParams filter) {
        return (filter.workerType() == null || filter.workerType().equals(record.workerType()))
                && (filter.organizationId() == null || Objects.equals(filter.organizationId(), record.organizationId()))
                && (filter.applicationTypeId() == null
                        || Objects.equals(filter.applicationTypeId(), record.applicationTypeId()));
    }
}
