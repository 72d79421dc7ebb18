package io.camelot.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.camelot.protocol.crypto.CryptoProviders;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code camelot serve} configuration, read from an optional TOML file; every key has a
 * default, so a missing file or section means "embedded defaults". Command-line options override
 * the file.
 */
public record CamelotConfig(
    Listener listener, Store store, Queue queue, Worker worker, Crypto crypto, Security security) {

  /** A configuration with the default {@link Security} section. */
  public CamelotConfig(Listener listener, Store store, Queue queue, Worker worker, Crypto crypto) {
    this(listener, store, queue, worker, crypto, Security.defaults());
  }

  public record Listener(
      String host,
      int port,
      @JsonProperty("max_body_bytes") int maxBodyBytes,
      @JsonProperty("sync_mode") boolean syncMode,
      @JsonProperty("sync_wait_cap_ms") long syncWaitCapMs,
      @JsonProperty("operator_methods") boolean operatorMethods) {
    static Listener defaults() {
      return new Listener("127.0.0.1", 1947, 1 << 20, false, 9_000, false);
    }
  }

  public record Store(@JsonProperty("data_dir") String dataDir, @JsonProperty("map_size_mb") long mapSizeMb) {
    static Store defaults() {
      return new Store("camelot-data", 4096);
    }
  }

  public record Queue(
      @JsonProperty("max_outstanding") long maxOutstanding,
      @JsonProperty("retain_completed_hours") long retainCompletedHours,
      @JsonProperty("max_retained_completed") long maxRetainedCompleted,
      @JsonProperty("purge_interval_seconds") long purgeIntervalSeconds) {
    static Queue defaults() {
      return new Queue(10_000, 24, 1_000_000, 60);
    }
  }

  /**
   * @param keyEncryption the session-key wraps the worker offers: {@code RSA-OAEP-3072}, which
   *     Avalon clients need and so must be listed, optionally with {@code
   *     X25519-HKDF-SHA256-AES-GCM-256}
   */
  public record Worker(
      String name,
      @JsonProperty("organization_id") String organizationId,
      @JsonProperty("application_type_id") String applicationTypeId,
      int concurrency,
      String tee,
      @JsonProperty("collateral_dir") String collateralDir,
      @JsonProperty("key_encryption") List<String> keyEncryption) {
    /** The simulated TEE: no hardware, evidence labelled TEE-SIMULATED. */
    public static final String SIMULATED = "simulated";
    /** SGX under Gramine: DCAP quotes from /dev/attestation. */
    public static final String GRAMINE = "gramine";

    static Worker defaults() {
      WorkerConfig defaults = WorkerConfig.defaults();
      return new Worker(
          defaults.name(), defaults.organizationId(), defaults.applicationTypeId(), defaults.concurrency(),
          SIMULATED, "", List.of(WorkerDetails.RSA_OAEP_3072));
    }

    /**
     * @throws IllegalArgumentException if RSA-OAEP-3072 is missing or a name is unknown
     */
    public boolean offersX25519() {
      for (String name : keyEncryption) {
        if (!name.equals(WorkerDetails.RSA_OAEP_3072) && !name.equals(X25519Hkdf.ALGORITHM)) {
          throw new IllegalArgumentException(
              "unknown [worker] key_encryption \"" + name + "\", expected \""
                  + WorkerDetails.RSA_OAEP_3072 + "\" or \"" + X25519Hkdf.ALGORITHM + "\"");
        }
      }
      if (!keyEncryption.contains(WorkerDetails.RSA_OAEP_3072)) {
        throw new IllegalArgumentException(
            "[worker] key_encryption must list \"" + WorkerDetails.RSA_OAEP_3072
                + "\": Avalon clients only wrap to the RSA key");
      }
      return keyEncryption.contains(X25519Hkdf.ALGORITHM);
    }
  }

  /** @param provider {@code "jca"} or {@code "accp"}, see {@link CryptoProviders} */
  public record Crypto(String provider) {
    static Crypto defaults() {
      return new Crypto(CryptoProviders.JCA);
    }
  }

  /**
   * The listener's protection (docs/SECURITY.md).
   *
   * @param tls {@code "off"} (plain HTTP, as Avalon), {@code "dev"} (a generated self-signed
   *     certificate under the data directory) or {@code "on"} (tlsCert and tlsKey)
   * @param tlsClientCa non-empty: mutual TLS, clients need a certificate from this CA
   * @param operatorKeys PEM file of the P-256 public keys whose signed requests may call operator
   *     methods; empty: operator methods (if enabled) answer loopback callers only
   */
  public record Security(
      String tls,
      @JsonProperty("tls_cert") String tlsCert,
      @JsonProperty("tls_key") String tlsKey,
      @JsonProperty("tls_client_ca") String tlsClientCa,
      @JsonProperty("operator_keys") String operatorKeys,
      @JsonProperty("operator_window_seconds") long operatorWindowSeconds,
      @JsonProperty("rate_per_address") double ratePerAddress,
      @JsonProperty("burst_per_address") int burstPerAddress,
      @JsonProperty("rate_per_requester") double ratePerRequester,
      @JsonProperty("burst_per_requester") int burstPerRequester,
      @JsonProperty("max_items") int maxItems,
      @JsonProperty("max_item_chars") int maxItemChars) {
    public static final String TLS_OFF = "off";
    public static final String TLS_DEV = "dev";
    public static final String TLS_ON = "on";

    static Security defaults() {
      return new Security(TLS_OFF, "", "", "", "", 300, 10_000, 20_000, 500, 1000, 100, 1 << 20);
    }
  }

  public static CamelotConfig defaults() {
    return new CamelotConfig(
        Listener.defaults(), Store.defaults(), Queue.defaults(), Worker.defaults(), Crypto.defaults(),
        Security.defaults());
  }

  /**
   * Reads a TOML file over the defaults: keys it names replace the default, others keep it.
   *
   * @throws IllegalArgumentException naming the file and the offending key
   */
  public static CamelotConfig load(Path file) {
    TomlMapper mapper =
        TomlMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    try {
      ObjectNode merged = mapper.valueToTree(defaults());
      JsonNode given = mapper.readTree(Files.readAllBytes(file));
      for (Map.Entry<String, JsonNode> section : given.properties()) {
        if (!(merged.get(section.getKey()) instanceof ObjectNode target) || !section.getValue().isObject()) {
          throw new IllegalArgumentException(
              "invalid configuration " + file + ": unknown section [" + section.getKey() + "]");
        }
        target.setAll((ObjectNode) section.getValue());
      }
      CamelotConfig config = mapper.treeToValue(merged, CamelotConfig.class);
      String tee = config.worker().tee();
      if (!Worker.SIMULATED.equals(tee) && !Worker.GRAMINE.equals(tee)) {
        throw new IllegalArgumentException(
            "invalid configuration " + file + ": [worker] tee must be \"simulated\" or \"gramine\", not \"" + tee + "\"");
      }
      String tls = config.security().tls();
      if (!List.of(Security.TLS_OFF, Security.TLS_DEV, Security.TLS_ON).contains(tls)) {
        throw new IllegalArgumentException(
            "invalid configuration " + file + ": [security] tls must be \"off\", \"dev\" or \"on\", not \"" + tls + "\"");
      }
      return config;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "invalid configuration " + file + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration " + file + ": " + e, e);
    }
  }

  public WorkerConfig workerConfig() {
    return new WorkerConfig(worker.name, worker.organizationId, worker.applicationTypeId, worker.concurrency);
  }
}
