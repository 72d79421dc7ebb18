package io.camelot.server;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.DcapCollateral;
import io.camelot.attestation.GramineTee;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.Tee;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.server.config.WorkerSection;
import io.camelot.server.config.WorkloadsSection;
import io.camelot.store.TcsStore;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The singleton worker of a {@code serve} or {@code worker} process: its TEE, its keys sealed to
 * that TEE under the local data directory, and the worker itself, registered in {@code store}'s
 * Worker Directory.
 */
record WorkerAssembly(Tee tee, Path keyFile, SingletonWorker worker) {

    static WorkerAssembly create(CamelotConfig config, TcsStore store, Clock clock, MeterRegistry metrics) {
        boolean offerX25519 = config.worker().offersX25519();
        Path dataDir = Path.of(config.store().dataDir());
        Tee tee = openTee(config.worker(), dataDir, clock);
        var workerConfig = config.worker().toSettings();
        Path keyFile = dataDir.resolve("workers").resolve(workerConfig.workerId() + ".keys.sealed");
        WorkerKeys keys = WorkerKeys.loadOrCreate(keyFile, tee, offerX25519);
        WorkloadsSection runtime = config.workloads();
        SingletonWorker worker = new SingletonWorker(
                workerConfig,
                keys,
                tee,
                RuntimeWorkloads.workloads(runtime),
                store,
                clock,
                RuntimeWorkloads.connectors(runtime, dataDir, workerConfig.workerId(), tee, clock, store),
                metrics);
        // Keys retired before a restart are dropped when they expire, as they would have been.
        worker.dropRetiredKeys(keyFile);
        worker.register();
        return new WorkerAssembly(tee, keyFile, worker);
    }

    /** WorkerRotateKey for this process's worker (docs/operations.md, key rotation). */
    Optional<WorkerRecord> rotateKey(String workerId) {
        return workerId.equals(worker.workerId()) ? Optional.of(worker.rotateEncryptionKey(keyFile)) : Optional.empty();
    }

    static Tee openTee(WorkerSection worker, Path dataDir, Clock clock) {
        if (worker.tee() == WorkerSection.TeeKind.GRAMINE) {
            DcapCollateral collateral = worker.collateralDir().isEmpty()
                    ? null
                    : DcapCollateral.fromDirectory(Path.of(worker.collateralDir()));
            return new GramineTee(GramineTee.DEFAULT_DIRECTORY, collateral);
        }
        return SimulatedTee.open(dataDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), clock);
    }
}
