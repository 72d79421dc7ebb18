package io.camelot.listener.methods;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.LookUpResult;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.TcsStore;
import java.util.ArrayList;
import java.util.List;
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
     * The workers matching every filter given (none given matches all), in key order; with a tag,
     * only those after the worker whose id equals it.
     */
    static LookUpResult lookUp(TcsStore store, WorkerLookUpParams filter, String afterTag) {
        List<String> ids = store.workerIds();
        List<String> matches = new ArrayList<>();
        for (String id : ids) {
            // Ids come in key order, so "after the tag" holds even if the tag's entry was since removed.
            if (afterTag != null && id.compareTo(afterTag) <= 0) {
                continue;
            }
            record(store, id).filter(record -> matches(record, filter)).ifPresent(record -> matches.add(id));
        }
        return LookUpResult.of(matches);
    }

    private static boolean matches(WorkerRecord record, WorkerLookUpParams filter) {
        return (filter.workerType() == null || filter.workerType().equals(record.workerType()))
                && (filter.organizationId() == null || Objects.equals(filter.organizationId(), record.organizationId()))
                && (filter.applicationTypeId() == null
                        || Objects.equals(filter.applicationTypeId(), record.applicationTypeId()));
    }
}
