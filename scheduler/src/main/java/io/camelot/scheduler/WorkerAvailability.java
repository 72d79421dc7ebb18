package io.camelot.scheduler;

import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.TcsStore;
import java.util.Optional;

/**
 * Whether a worker takes work orders by its status in the Worker Directory: only an ACTIVE one
 * does. The listener asks before admitting a work order, the queues again before running one, so a
 * status set while work orders wait (a COMPROMISED mark after a key leak) stops them too.
 */
public final class WorkerAvailability {
    private WorkerAvailability() {}

    /**
     * Why the worker takes no work orders: its record has a status other than ACTIVE. Empty for an
     * ACTIVE worker, and for one with no record or no status, which leave nothing to enforce (the
     * listener refuses work orders for unknown workers itself).
     */
    public static Optional<String> refusal(TcsStore store, String workerId) {
        return store.worker(workerId)
                .map(bytes -> ProtocolJson.bind(bytes, WorkerRecord.class).status())
                .filter(status -> status != WorkerStatus.ACTIVE.code())
                .map(status -> "worker "
                        + workerId
                        + " is "
                        + name(status)
                        + " (status "
                        + status
                        + "): it takes no work orders");
    }

    private static String name(int status) {
        try {
            return WorkerStatus.of(status).name();
        } catch (IllegalArgumentException unknown) {
            return "not ACTIVE";
        }
    }
}
