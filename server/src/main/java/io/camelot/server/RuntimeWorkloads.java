package io.camelot.server;

import io.camelot.attestation.SealedFile;
import io.camelot.attestation.Tee;
import io.camelot.io.ConnectorPolicy;
import io.camelot.io.Connectors;
import io.camelot.io.HttpsConnector;
import io.camelot.io.KeyValueConnector;
import io.camelot.io.LegacyKvFiles;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.server.config.WorkloadsSection;
import io.camelot.store.TcsStore;
import io.camelot.wasm.WasmCatalog;
import io.camelot.wasm.WasmLimits;
import io.camelot.worker.Workloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds what the {@code [workloads]} section configures: the WASM catalog next to the Java
 * workloads, and the External IO connectors with their grants.
 */
final class RuntimeWorkloads {
    private static final Logger log = LoggerFactory.getLogger(RuntimeWorkloads.class);
    private static final String SEALED_KIND = "kv-connector-key";

    private RuntimeWorkloads() {}

    /** The ServiceLoader workloads plus the WASM catalog and {@code wasm-inline}. */
    static Workloads workloads(WorkloadsSection config) {
        WasmLimits limits = new WasmLimits(
                config.maxInstructions(), config.maxMemoryPages(), Duration.ofMillis(config.timeoutMs()));
        List<WasmCatalog.Entry> entries = config.modules().stream()
                .map(module -> new WasmCatalog.Entry(module.name(), Path.of(module.file()), module.sha256()))
                .toList();
        return Workloads.load()
                .with(WasmCatalog.load(
                        entries, config.builtinExamples(), config.inlineModules(), config.inlineMaxBytes(), limits));
    }

    /**
     * The connectors and the operator's grants. The {@code kv} connector's key is generated once and
     * kept sealed to the TEE beside the worker's keys (so it goes wherever they go); its values live
     * in {@code store}, where values an earlier release kept under {@code kv_dir} are imported first.
     */
    static Connectors connectors(
            WorkloadsSection config, Path dataDir, String workerId, Tee tee, Clock clock, TcsStore store) {
        Path kvDir = config.kvDir().isEmpty() ? dataDir.resolve("kv") : Path.of(config.kvDir());
        byte[] kvKey = sealedKey(dataDir.resolve("workers").resolve(workerId + ".kv-key.sealed"), tee);
        importKvFiles(kvDir, workerId, store, clock);
        List<Connectors.Grant> grants = config.grants().stream()
                .map(grant -> new Connectors.Grant(
                        grant.workload(),
                        grant.connector(),
                        new ConnectorPolicy(
                                new HashSet<>(grant.allowedHosts()),
                                new HashSet<>(grant.methods()),
                                grant.maxBytes(),
                                grant.trustPem().isEmpty()
                                        ? Optional.empty()
                                        : Optional.of(Path.of(grant.trustPem())))))
                .toList();
        return new Connectors(List.of(new HttpsConnector(clock), new KeyValueConnector(workerId, kvKey)), grants);
    }

    /**
     * Moves the values of the file-per-key kv store into the TCS store, keeping values the store
     * already holds, then renames the directory so that a later start cannot bring back a value a
     * work order has since deleted. A crash before the rename only repeats the import, which is
     * idempotent.
     */
    private static void importKvFiles(Path kvDir, String workerId, TcsStore store, Clock clock) {
        if (!Files.isDirectory(kvDir)) {
            return;
        }
        Map<String, byte[]> values = LegacyKvFiles.read(kvDir, workerId);
        int imported = store.importState(values);
        Path done = kvDir.resolveSibling(kvDir.getFileName() + ".imported-" + clock.millis());
        try {
            Files.move(kvDir, done);
        } catch (IOException e) {
            throw new UncheckedIOException("imported the kv files of " + kvDir + " but cannot rename it to " + done, e);
        }
        log.info(
                "Imported {} of {} kv values from {} into the store; the files are kept in {}",
                imported,
                values.size(),
                kvDir,
                done);
    }

    private static byte[] sealedKey(Path file, Tee tee) {
        try {
            if (Files.exists(file)) {
                return SealedFile.read(tee, SEALED_KIND, file);
            }
            byte[] key = AesGcm.newKey();
            SealedFile.write(tee, SEALED_KIND, file, key);
            log.info("Generated and sealed a new kv connector key in {}", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the kv connector key " + file, e);
        }
    }
}
