package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.Tee;
import io.camelot.io.ConnectorState;
import io.camelot.io.Connectors;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.hash.Sha256;
import io.camelot.server.config.WorkloadsSection;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.store.postgres.PostgresSettings;
import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.TestPostgres;
import io.camelot.worker.SingletonWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kv connector as the server builds it: values an earlier release kept one file per key under
 * kv_dir move into the store once, at start; processes of one worker sharing PostgreSQL read each
 * other's values.
 */
class RuntimeWorkloadsKvTest {
    static final String WORKER = "worker-1";
    static final WorkloadsSection KV_FOR_ALICE = WorkloadsSection.builder()
            .grants(List.of(new WorkloadsSection.Grant("alice", "kv", null, null, 1024, null)))
            .build();

    @TempDir
    Path dataDir;

    Tee tee;
    TcsStore store;

    @BeforeEach
    void open() {
        tee = SimulatedTee.open(dataDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), Clock.systemUTC());
        store = LmdbTcsStore.open(dataDir.resolve("store"), 64L << 20);
    }

    @AfterEach
    void close() {
        store.close();
    }

    Connectors connectors() {
        return RuntimeWorkloads.connectors(KV_FOR_ALICE, dataDir, WORKER, tee, Clock.systemUTC(), store);
    }

    static Connectors process(Path processDir, String workerId, TcsStore shared) {
        Tee processTee = SimulatedTee.open(
                processDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), Clock.systemUTC());
        return RuntimeWorkloads.connectors(KV_FOR_ALICE, processDir, workerId, processTee, Clock.systemUTC(), shared);
    }

    /**
     * Runs one kv request as a work order of {@code alice} and commits its writes with the
     * completion.
     */
    static JsonNode workOrder(Connectors connectors, TcsStore shared, String workOrderId, String kvRequest) {
        StagedConnectorState state = new StagedConnectorState(shared);
        byte[] response = connectors.forWorkOrder("alice", state).call("kv", request(kvRequest));
        shared.submit(workOrderId, WORKER, Sha256.digest(workOrderId), request("{}"), 1_000);
        assertThat(shared.complete(new TcsStore.Completion(workOrderId, response, 2_000, state.storeWrites(), null)))
                .isTrue();
        return ProtocolJson.parse(response);
    }

    @Test
    void processesOfOneWorkerSharingPostgresReadEachOthersValues() throws Exception {
        PostgresSettings database = TestPostgres.get().newDatabase(4);
        try (PostgresTcsStore storeA = PostgresTcsStore.open(database);
                PostgresTcsStore storeB = PostgresTcsStore.open(database)) {
            Path dirA = dataDir.resolve("a");
            Connectors a = process(dirA, WORKER, storeA);
            // The operator gives the second process of this worker the same sealed keys (and, simulated,
            // the same TEE sealing secret), as for the worker's own keys.
            Path dirB = dataDir.resolve("b");
            for (String shared : List.of("tee", "workers")) {
                copyTree(dirA.resolve(shared), dirB.resolve(shared));
            }
            Connectors b = process(dirB, WORKER, storeB);
            String value = Base64.getEncoder().encodeToString("42".getBytes(StandardCharsets.UTF_8));

            workOrder(a, storeA, "wo-put", "{\"op\":\"put\",\"key\":\"answer\",\"value\":\"" + value + "\"}");

            JsonNode got = workOrder(b, storeB, "wo-get", "{\"op\":\"get\",\"key\":\"answer\"}");
            assertThat(got.get("value").asText()).isEqualTo(value);
            // Another worker sharing the database, with its own kv key, has its own values.
            Connectors other = process(dataDir.resolve("c"), "worker-2", storeB);
            JsonNode notSeen = ProtocolJson.parse(other.forWorkOrder("alice", new StagedConnectorState(storeB))
                    .call("kv", request("{\"op\":\"get\",\"key\":\"answer\"}")));
            assertThat(notSeen.get("found").asBoolean()).isFalse();

            workOrder(b, storeB, "wo-delete", "{\"op\":\"delete\",\"key\":\"answer\"}");
            assertThat(workOrder(a, storeA, "wo-gone", "{\"op\":\"get\",\"key\":\"answer\"}")
                            .get("found")
                            .asBoolean())
                    .isFalse();
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    static byte[] request(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(String text) {
        return HexFormat.of().formatHex(Sha256.digest(text));
    }

    @Test
    void legacyFilesAreImportedOnceAndTheDirectoryIsSetAside() throws Exception {
        // Seal a value with this worker's kv key (the same AAD the file store used) and write it where
        // the file store kept it.
        StagedConnectorState sealing = new StagedConnectorState(store);
        String value = Base64.getEncoder().encodeToString("blood pressure 120/80".getBytes(StandardCharsets.UTF_8));
        connectors()
                .forWorkOrder("alice", sealing)
                .call("kv", request("{\"op\":\"put\",\"key\":\"patient-17\",\"value\":\"" + value + "\"}"));
        byte[] sealed = sealing.storeWrites().values().iterator().next();
        Path legacy = dataDir.resolve("kv").resolve(hex("alice")).resolve(hex("patient-17"));
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, sealed);

        Connectors restarted = connectors();

        assertThat(dataDir.resolve("kv")).doesNotExist();
        try (Stream<Path> siblings = Files.list(dataDir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("kv.imported-"));
        }
        JsonNode got = ProtocolJson.parse(restarted
                .forWorkOrder("alice", new StagedConnectorState(store))
                .call("kv", request("{\"op\":\"get\",\"key\":\"patient-17\"}")));
        assertThat(got.get("found").asBoolean()).isTrue();
        assertThat(got.get("value").asText()).isEqualTo(value);
        String stateKey =
                ConnectorState.STORE_PREFIX + "kv/" + hex(WORKER) + "/" + hex("alice") + "/" + hex("patient-17");
        assertThat(store.state(stateKey)).get().isEqualTo(sealed);
    }

    @Test
    void withoutLegacyFilesNothingIsImported() {
        connectors();
        assertThat(dataDir.resolve("kv")).doesNotExist();
        try (Stream<Path> siblings = Files.list(dataDir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("kv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
