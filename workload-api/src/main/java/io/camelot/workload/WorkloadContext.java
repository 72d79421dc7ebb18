package io.camelot.workload;

import java.util.Optional;

/** What a running workload may use besides its inputs. */
public interface WorkloadContext {

    /** Reads a state value: this work order's own pending write if any, else the committed value. */
    Optional<byte[]> state(String key);

    /** Writes a state value; it is committed only together with this work order's response. */
    void putState(String key, byte[] value);

    /**
     * Who signed the work order: a fingerprint of the requester's verifying key (upper-case hex SHA-256
     * of its PEM), whose signature the worker checked; empty for an unsigned work order.
     */
    default Optional<String> requesterKey() {
        return Optional.empty();
    }

    /** The connectors the operator granted this workload; none unless the worker provides them. */
    default ExternalIo io() {
        return ExternalIo.NONE;
    }

    /** A diagnostic line in the worker's log; never returned to the requester. */
    default void log(String message) {
        System.getLogger("io.camelot.workload").log(System.Logger.Level.INFO, message);
    }
}
