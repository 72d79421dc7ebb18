package io.camelot.io;

import static io.camelot.io.WorkloadFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelot.workload.ExternalIo;
import io.camelot.workload.WorkloadException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValueConnectorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] KEY = new byte[32];

    @TempDir
    Path dir;

    final MapConnectorState store = new MapConnectorState();

    static Connectors connectors(String workerId, byte[] sealingKey) {
        ConnectorPolicy small = ConnectorPolicy.sizeOnly(64);
        return new Connectors(
                List.of(new KeyValueConnector(workerId, sealingKey)),
                List.of(new Connectors.Grant("alice", "kv", small), new Connectors.Grant("bob", "kv", small)));
    }

    ExternalIo io(byte[] sealingKey, String workload) {
        return connectors("worker-1", sealingKey).forWorkOrder(workload, store);
    }

    static byte[] delete(String key) {
        return ("{\"op\":\"delete\",\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] put(String key, String value) {
        String b64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return ("{\"op\":\"put\",\"key\":\"" + key + "\",\"value\":\"" + b64 + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] get(String key) {
        return ("{\"op\":\"get\",\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static String value(byte[] response) throws Exception {
        JsonNode node = JSON.readTree(response);
        return node.get("found").asBoolean()
                ? new String(Base64.getDecoder().decode(node.get("value").asText()), StandardCharsets.UTF_8)
                : null;
    }

    @Test
    void storesSealedValuesPerWorkload() throws Exception {
        ExternalIo alice = io(KEY, "alice");
        alice.call("kv", put("patient-17", "blood pressure 120/80"));

        assertThat(value(alice.call("kv", get("patient-17")))).isEqualTo("blood pressure 120/80");
        assertThat(value(io(KEY, "bob").call("kv", get("patient-17")))).isNull();
        // In the store there is neither the key nor the value in clear.
        assertThat(store.values).hasSize(1);
        store.values.forEach((key, stored) -> {
            assertThat(key).doesNotContain("patient-17").doesNotContain("alice").startsWith("kv/");
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("blood pressure");
        });
    }

    @Test
    void opensWithTheSameKeyButNotWithAnother() throws Exception {
        io(KEY, "alice").call("kv", put("k", "v1"));
        assertThat(value(io(KEY, "alice").call("kv", get("k")))).isEqualTo("v1");

        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> io(otherKey, "alice").call("kv", get("k")))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void workersSharingAStoreKeepSeparateValues() throws Exception {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        connectors("worker-1", KEY).forWorkOrder("alice", store).call("kv", put("k", "one"));
        connectors("worker-2", otherKey).forWorkOrder("alice", store).call("kv", put("k", "two"));

        assertThat(value(
                        connectors("worker-1", KEY).forWorkOrder("alice", store).call("kv", get("k"))))
                .isEqualTo("one");
        assertThat(value(connectors("worker-2", otherKey)
                        .forWorkOrder("alice", store)
                        .call("kv", get("k"))))
                .isEqualTo("two");
    }

    @Test
    void aValueMovedToAnotherKeyFailsAuthentication() throws Exception {
        ExternalIo alice = io(KEY, "alice");
        alice.call("kv", put("a", "secret"));
        alice.call("kv", put("b", "other"));
        List<String> keys = List.copyOf(store.values.keySet());
        store.values.put(keys.get(1), store.values.get(keys.get(0)));

        assertThatThrownBy(() -> {
                    alice.call("kv", get("a"));
                    alice.call("kv", get("b"));
                })
                .hasMessageContaining("failed authentication");
    }

    @Test
    void aValueOverThePolicySizeIsDenied() {
        assertFails(() -> io(KEY, "alice").call("kv", put("k", "x".repeat(65))), Reason.ACCESS_DENIED)
                .hasMessage("kv value of 65 bytes exceeds the policy's 64");
        assertThat(store.values).isEmpty();
    }

    @Test
    void deleteRemovesAValueAndSaysWhetherItExisted() throws Exception {
        ExternalIo alice = io(KEY, "alice");
        alice.call("kv", put("k", "v"));
        assertThat(JSON.readTree(alice.call("kv", delete("k"))).get("found").asBoolean())
                .isTrue();
        assertThat(value(alice.call("kv", get("k")))).isNull();
        assertThat(store.values).isEmpty();
        assertThat(JSON.readTree(alice.call("kv", delete("k"))).get("found").asBoolean())
                .isFalse();
    }

    @Test
    void anUnknownOpIsInvalidInput() {
        assertFails(
                () -> io(KEY, "alice").call("kv", "{\"op\":\"scan\",\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8)),
                Reason.INVALID_INPUT);
    }

    /** The sealed bytes of the file-per-key store, as an earlier release wrote them. */
    static void writeLegacyFile(Path dir, String workload, String key, byte[] sealed) throws Exception {
        Path file = dir.resolve(KeyValueConnector.sha256Hex(workload)).resolve(KeyValueConnector.sha256Hex(key));
        Files.createDirectories(file.getParent());
        Files.write(file, sealed);
    }

    @Test
    void legacyFilesImportUnderTheStoreKeysAndOpenAsBefore() throws Exception {
        // Seal a value the way the file store did (same AAD), by putting it and taking the sealed
        // bytes.
        io(KEY, "alice").call("kv", put("patient-17", "blood pressure 120/80"));
        byte[] sealed = store.values.values().iterator().next();
        store.values.clear();
        writeLegacyFile(dir, "alice", "patient-17", sealed);
        Files.writeString(dir.resolve(KeyValueConnector.sha256Hex("alice")).resolve("kv123.tmp"), "half a write");

        Map<String, byte[]> imported = LegacyKvFiles.read(dir, "worker-1");

        assertThat(imported).hasSize(1);
        imported.forEach((key, value) -> {
            assertThat(key).startsWith(ConnectorState.STORE_PREFIX);
            store.values.put(key.substring(ConnectorState.STORE_PREFIX.length()), value);
        });
        assertThat(value(io(KEY, "alice").call("kv", get("patient-17")))).isEqualTo("blood pressure 120/80");
    }
}
