package io.camelot.listener;

import io.camelot.protocol.model.WorkerRecord;
import java.util.Optional;

/** Rotates the encryption key of a worker whose keys this process holds (WorkerRotateKey). */
@FunctionalInterface
public interface WorkerKeyRotation {
    /** A process that holds no worker's keys, such as a listener of a scale-out deployment. */
    WorkerKeyRotation NONE = workerId -> Optional.empty();

    /** The worker's record as published after the rotation; empty if this process does not hold its keys. */
    Optional<WorkerRecord> rotate(String workerId);
}
