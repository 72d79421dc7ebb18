package io.camelot.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelot.workload.ExternalIo;
import io.camelot.workload.WorkloadException;
import io.camelot.workload.WorkloadException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValueConnectorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] KEY = new byte[32];

  @TempDir Path dir;

  Connectors connectors(byte[] sealingKey) {
    ConnectorPolicy small = ConnectorPolicy.sizeOnly(64);
    return new Connectors(
        List.of(new KeyValueConnector(dir, sealingKey)),
        List.of(new Connectors.Grant("alice", "kv", small), new Connectors.Grant("bob", "kv", small)));
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
    Connectors connectors = connectors(KEY);
    ExternalIo alice = connectors.forWorkload("alice");
    alice.call("kv", put("patient-17", "blood pressure 120/80"));

    assertThat(value(alice.call("kv", get("patient-17")))).isEqualTo("blood pressure 120/80");
    assertThat(value(connectors.forWorkload("bob").call("kv", get("patient-17")))).isNull();
    // At rest there is neither the key nor the value in clear.
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(file.toString()).doesNotContain("patient-17");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("blood pressure");
      }
    }
  }

  @Test
  void survivesARestartWithTheSameKeyButNotWithAnother() throws Exception {
    connectors(KEY).forWorkload("alice").call("kv", put("k", "v1"));
    assertThat(value(connectors(KEY).forWorkload("alice").call("kv", get("k")))).isEqualTo("v1");

    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThatThrownBy(() -> connectors(otherKey).forWorkload("alice").call("kv", get("k")))
        .hasMessageContaining("failed authentication");
  }

  @Test
  void aValueMovedToAnotherKeyFailsAuthentication() throws Exception {
    ExternalIo alice = connectors(KEY).forWorkload("alice");
    alice.call("kv", put("a", "secret"));
    alice.call("kv", put("b", "other"));
    Path aliceDir;
    try (Stream<Path> dirs = Files.list(dir)) {
      aliceDir = dirs.findFirst().orElseThrow();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(aliceDir)) {
      files = list.toList();
    }
    Files.copy(files.get(0), files.get(1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> {
          alice.call("kv", get("a"));
          alice.call("kv", get("b"));
        })
        .hasMessageContaining("failed authentication");
  }

  @Test
  void aValueOverThePolicySizeIsDenied() {
    assertThatThrownBy(() -> connectors(KEY).forWorkload("alice").call("kv", put("k", "x".repeat(65))))
        .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
        .hasMessage("kv value of 65 bytes exceeds the policy's 64")
        .extracting(WorkloadException::reason)
        .isEqualTo(Reason.ACCESS_DENIED);
  }

  @Test
  void deleteRemovesAValue() throws Exception {
    ExternalIo alice = connectors(KEY).forWorkload("alice");
    alice.call("kv", put("k", "v"));
    assertThat(JSON.readTree(alice.call("kv", "{\"op\":\"delete\",\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8)))
            .get("found").asBoolean())
        .isTrue();
    assertThat(value(alice.call("kv", get("k")))).isNull();
  }

  @Test
  void anUnknownOpIsInvalidInput() {
    assertThatThrownBy(() -> connectors(KEY).forWorkload("alice").call("kv", "{\"op\":\"scan\",\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8)))
        .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
        .extracting(WorkloadException::reason)
        .isEqualTo(Reason.INVALID_INPUT);
  }
}
