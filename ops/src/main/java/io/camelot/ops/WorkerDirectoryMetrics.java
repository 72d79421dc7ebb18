package io.camelot.ops;

import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code camelot.workers.directory{status}}: the workers in the Worker Directory by status, read
 * from the store when scraped (the directory is small and changes rarely).
 */
public final class WorkerDirectoryMetrics {
    private WorkerDirectoryMetrics() {}

    public static void register(MeterRegistry registry, TcsStore store) {
        for (WorkerStatus status : WorkerStatus.values()) {
            Gauge.builder("camelot.workers.directory", store, s -> count(s, status))
                    .description("Workers in the Worker Directory by status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    private static double count(TcsStore store, WorkerStatus status) {
        return store.workerIds().stream()
                .map(store::worker)
                .flatMap(Optional::stream)
                .map(bytes -> ProtocolJson.bind(bytes, WorkerRecord.class).status())
                .filter(Objects::nonNull)
                .filter(code -> code == status.code())
                .count();
    }
}
