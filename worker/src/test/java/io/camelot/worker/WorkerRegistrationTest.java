package io.camelot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.attestation.SimulatedTee;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security review M2: the operator's worker status survives restarts; the keys are the worker's.
 */
class WorkerRegistrationTest {
    @TempDir
    Path dir;

    TcsStore store;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRestartRepublishesTheKeysButKeepsTheStatusTheOperatorSet() {
        SingletonWorker first = start();
        assertThat(stored().status()).isEqualTo(WorkerStatus.ACTIVE.code());

        // The operator marks it COMPROMISED (WorkerSetStatus), then the process restarts with new keys.
        store.putWorker(first.workerId(), ProtocolJson.toBytes(stored().withStatus(WorkerStatus.COMPROMISED.code())));
        store.close();
        SingletonWorker restarted = start();

        assertThat(stored().status()).isEqualTo(WorkerStatus.COMPROMISED.code());
        assertThat(stored().details())
                .isEqualTo(restarted.record().details())
                .isNotEqualTo(first.record().details());
        assertThat(WorkerRegistration.publishes(store, restarted.workerId(), restarted.record()))
                .isTrue();
        assertThat(WorkerRegistration.publishes(store, restarted.workerId(), first.record()))
                .isFalse();

        // Marked ACTIVE again by the operator: that sticks too.
        store.putWorker(restarted.workerId(), ProtocolJson.toBytes(stored().withStatus(WorkerStatus.ACTIVE.code())));
        store.close();
        start();
        assertThat(stored().status()).isEqualTo(WorkerStatus.ACTIVE.code());
    }

    /** Opens the store and registers a worker with fresh keys, as a process start does. */
    private SingletonWorker start() {
        store = LmdbTcsStore.open(dir.resolve("store"), 64L << 20);
        SingletonWorker worker = new SingletonWorker(
                WorkerConfig.defaults(),
                WorkerKeys.generate(),
                SimulatedTee.open(dir.resolve("tee"), new byte[32], Clock.systemUTC()),
                Workloads.load(),
                store,
                Clock.systemUTC());
        worker.register();
        return worker;
    }

    private WorkerRecord stored() {
        return ProtocolJson.bind(
                ProtocolJson.parse(
                        store.worker(WorkerConfig.defaults().workerId()).orElseThrow()),
                WorkerRecord.class);
    }
}
