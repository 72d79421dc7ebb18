package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.LmdbTcsStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Worker Directory follows which workers a {@code serve} process serves. */
class ServedWorkersTest {
    @TempDir
    Path dataDir;

    private LmdbTcsStore store;

    @BeforeEach
    void open() {
        store = LmdbTcsStore.open(dataDir.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anActiveWorkerNobodyServesGoesOffLineAndComesBackWhenServed() {
        put("pool", WorkerStatus.ACTIVE);
        put("singleton", WorkerStatus.ACTIVE);

        sync(Set.of("singleton"));
        assertThat(status("pool")).isEqualTo(WorkerStatus.OFF_LINE);
        assertThat(status("singleton")).isEqualTo(WorkerStatus.ACTIVE);

        sync(Set.of("singleton"));
        assertThat(status("pool")).isEqualTo(WorkerStatus.OFF_LINE);

        sync(Set.of("singleton", "pool"));
        assertThat(status("pool")).isEqualTo(WorkerStatus.ACTIVE);
    }

    @Test
    void statusesTheOperatorSetAreNeverChanged() {
        put("off", WorkerStatus.OFF_LINE);
        put("compromised", WorkerStatus.COMPROMISED);
        put("decommissioned", WorkerStatus.DECOMMISSIONED);

        sync(Set.of());
        sync(Set.of("off", "compromised", "decommissioned"));

        assertThat(status("off")).isEqualTo(WorkerStatus.OFF_LINE);
        assertThat(status("compromised")).isEqualTo(WorkerStatus.COMPROMISED);
        assertThat(status("decommissioned")).isEqualTo(WorkerStatus.DECOMMISSIONED);
    }

    @Test
    void aStatusTheOperatorSetsWhileTheWorkerIsOffLineIsTheirs() {
        put("pool", WorkerStatus.ACTIVE);
        sync(Set.of());
        put("pool", WorkerStatus.COMPROMISED);

        sync(Set.of());
        sync(Set.of("pool"));
        assertThat(status("pool")).isEqualTo(WorkerStatus.COMPROMISED);

        // No longer listed: an OFF_LINE set by the operator later stays too.
        put("pool", WorkerStatus.OFF_LINE);
        sync(Set.of("pool"));
        assertThat(status("pool")).isEqualTo(WorkerStatus.OFF_LINE);
    }

    @Test
    void aCrashBetweenTheListAndTheDirectoryIsSettledByTheNextStart() {
        put("pool", WorkerStatus.ACTIVE);
        sync(Set.of());
        // As if the process died after writing the list but before the directory.
        put("pool", WorkerStatus.ACTIVE);

        sync(Set.of());
        assertThat(status("pool")).isEqualTo(WorkerStatus.OFF_LINE);
        sync(Set.of("pool"));
        assertThat(status("pool")).isEqualTo(WorkerStatus.ACTIVE);
    }

    private void sync(Set<String> served) {
        ServedWorkers.sync(store, served::contains, dataDir, Map.of());
    }

    private void put(String id, WorkerStatus status) {
        store.putWorker(id, ProtocolJson.toBytes(new WorkerRecord(1, "org", "app", null, status.code())));
    }

    private WorkerStatus status(String id) {
        return WorkerStatus.of(ProtocolJson.bind(store.worker(id).orElseThrow(), WorkerRecord.class)
                .status());
    }
}
