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
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.worker.SingletonWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values an earlier release kept one file per key under kv_dir move into the store once, at start. */
class RuntimeWorkloadsKvImportTest {
  static final String WORKER = "worker-1";
  static final CamelotConfig.Workloads KV_FOR_ALICE =
      CamelotConfig.Workloads.defaults()
          .withGrants(List.of(new CamelotConfig.Workloads.Grant("alice", "kv", null, null, 1024, null)));

  @TempDir Path dataDir;
  Tee tee;
  TcsStore store;

  /** Staged writes over the store, as a work order sees them (without committing). */
  final class Staged implements ConnectorState {
    final Map<String, byte[]> writes = new HashMap<>();

    @Override
    public Optional<byte[]> get(String key) {
      return writes.containsKey(key) ? Optional.ofNullable(writes.get(key)) : store.state(STORE_PREFIX + key);
    }

    @Override
    public void put(String key, byte[] value) {
      writes.put(key, value);
    }

    @Override
    public void remove(String key) {
      writes.put(key, null);
    }
  }

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
    Staged sealing = new Staged();
    String value = Base64.getEncoder().encodeToString("blood pressure 120/80".getBytes(StandardCharsets.UTF_8));
    connectors().forWorkOrder("alice", sealing)
        .call("kv", request("{\"op\":\"put\",\"key\":\"patient-17\",\"value\":\"" + value + "\"}"));
    byte[] sealed = sealing.writes.values().iterator().next();
    Path legacy = dataDir.resolve("kv").resolve(hex("alice")).resolve(hex("patient-17"));
    Files.createDirectories(legacy.getParent());
    Files.write(legacy, sealed);

    Connectors restarted = connectors();

    assertThat(dataDir.resolve("kv")).doesNotExist();
    try (Stream<Path> siblings = Files.list(dataDir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("kv.imported-"));
    }
    JsonNode got =
        ProtocolJson.parse(restarted.forWorkOrder("alice", new Staged()).call("kv", request("{\"op\":\"get\",\"key\":\"patient-17\"}")));
    assertThat(got.get("found").asBoolean()).isTrue();
    assertThat(got.get("value").asText()).isEqualTo(value);
    String stateKey = ConnectorState.STORE_PREFIX + "kv/" + hex(WORKER) + "/" + hex("alice") + "/" + hex("patient-17");
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
