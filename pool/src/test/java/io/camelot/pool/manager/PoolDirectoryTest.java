package io.camelot.pool.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.pool.PoolPolicy;
import io.camelot.pool.wp.WpRuntime;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.Workloads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security review M2: the pool's published keys follow the WKMs, its status stays the operator's.
 */
class PoolDirectoryTest {
    static final WorkerConfig POOL = new WorkerConfig("cd".repeat(32), "org", "app", 2);

    @TempDir
    Path dir;

    TcsStore store;
    PoolDirectory directory;

    @BeforeEach
    void start() {
        store = LmdbTcsStore.open(dir.resolve("store"));
        PoolPolicy policy = new PoolPolicy(List.of(), false, 1, 1, false, false, Duration.ZERO, null, false);
        directory = new PoolDirectory(
                store,
                POOL,
                new PoolGate(null, POOL.workerId(), policy, Clock.systemUTC()),
                WpRuntime.runnable(Workloads.load()));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void newKeysAreRepublishedUnderTheStatusTheOperatorSet() {
        directory.accept(keys("first"));
        assertThat(stored().status()).isEqualTo(WorkerStatus.ACTIVE.code());

        store.putWorker(POOL.workerId(), ProtocolJson.toBytes(stored().withStatus(WorkerStatus.OFF_LINE.code())));
        directory.accept(keys("rotated"));

        assertThat(stored().status()).isEqualTo(WorkerStatus.OFF_LINE.code());
        assertThat(stored().details().workerTypeData().encryptionKey()).isEqualTo("rotated encryption key");
    }

    @Test
    void thePoolAdvertisesItsNameAndTheStatelessWorkloadsItsProcessorsRun() {
        directory.accept(keys("first"));

        var typeData = stored().details().workerTypeData();
        assertThat(typeData.name()).isEqualTo(POOL.name());
        assertThat(typeData.workloads()).contains("echo-result").doesNotContain("simple-wallet");
    }

    private static JsonNode keys(String label) {
        return ProtocolJson.toTree(Map.of(
                "encryptionKey",
                label + " encryption key",
                "verificationKey",
                label + " verification key",
                "proofDataType",
                "simulated",
                "simulated",
                true));
    }

    private WorkerRecord stored() {
        return ProtocolJson.bind(
                ProtocolJson.parse(store.worker(POOL.workerId()).orElseThrow()), WorkerRecord.class);
    }
}
