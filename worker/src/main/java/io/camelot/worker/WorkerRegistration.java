package io.camelot.worker;

import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.TcsStore;
import java.util.Arrays;
import java.util.Optional;

/**
 * Publishes a worker's own record in the Worker Directory (a singleton at each start, a pool each
 * time its WKMs report keys) without taking the status from the operator: a new record starts
 * ACTIVE, an existing one keeps the status it has, since only WorkerSetStatus changes it. So a
 * COMPROMISED or OFF_LINE mark survives restarts and key rotations (security review M2), and a
 * worker the operator marked ACTIVE again resumes. A WorkerSetStatus racing a publication (read,
 * then write) can be lost; publications happen at start and on pool key changes, so set it again
 * after.
 */
public final class WorkerRegistration {
    private WorkerRegistration() {}

    /** Publishes {@code record} with the stored status, if any; returns what was published. */
    public static WorkerRecord publish(TcsStore store, String workerId, WorkerRecord record) {
        WorkerRecord published =
                storedStatus(store, workerId).map(record::withStatus).orElse(record);
        store.putWorker(workerId, ProtocolJson.toBytes(published));
        return published;
    }

    /** Whether the directory publishes {@code record}, whatever the status the operator set. */
    public static boolean publishes(TcsStore store, String workerId, WorkerRecord record) {
        return store.worker(workerId)
                .filter(bytes -> Arrays.equals(
                        bytes,
                        ProtocolJson.toBytes(
                                storedStatus(bytes).map(record::withStatus).orElse(record))))
                .isPresent();
    }

    private static Optional<Integer> storedStatus(TcsStore store, String workerId) {
        return store.worker(workerId).flatMap(WorkerRegistration::storedStatus);
    }

    private static Optional<Integer> storedStatus(byte[] bytes) {
        return Optional.ofNullable(ProtocolJson.bind(bytes, WorkerRecord.class).status());
    }
}
