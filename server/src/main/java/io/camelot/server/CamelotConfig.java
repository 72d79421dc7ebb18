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
    Listener listener, Store store, Queue queue, Worker worker, Crypto crypto, Pool pool) {

  /** A configuration without a worker pool. */
  public CamelotConfig(Listener listener, Store store, Queue queue, Worker worker, Crypto crypto) {
    this(listener, store, queue, worker, crypto, Pool.defaults());
  }

  public CamelotConfig withPool(Pool newPool) {
    return new CamelotConfig(listener, store, queue, worker, crypto, newPool);
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
   * A worker pool beside the singleton worker (see docs/pools.md): WKMs and WPs as child processes,
   * published as one worker named {@code name}. {@code processors = 0} runs no pool.
   *
   * @param wpLocalization {@code any}, or {@code same-platform}: WKMs admit only WPs on their platform
   * @param signatureScheme {@code pool-key} (results signed by the pool key) or {@code ext-key}
   *     (Avalon's two-step: a per-work-order key vouched for by the pool key)
   */
  public record Pool(
      int processors,
      String name,
      @JsonProperty("key_managers") int keyManagers,
      @JsonProperty("slots_per_processor") int slotsPerProcessor,
      @JsonProperty("allowed_wp_measurements") List<String> allowedWpMeasurements,
      @JsonProperty("wp_localization") String wpLocalization,
      @JsonProperty("max_concurrent_wps") int maxConcurrentWps,
      @JsonProperty("restart_wp_after") int restartWpAfter,
      @JsonProperty("key_migration") boolean keyMigration,
      @JsonProperty("signature_scheme") String signatureScheme,
      @JsonProperty("rotation_grace_seconds") long rotationGraceSeconds,
      @JsonProperty("dedicated_requester") String dedicatedRequester,
      @JsonProperty("wp_dedicated_requesters") List<String> wpDedicatedRequesters,
      @JsonProperty("internal_host") String internalHost) {
    public static final String DEFAULT_NAME = "pool-worker-1";
    public static final String POOL_KEY = "pool-key";
    public static final String EXT_KEY = "ext-key";
    public static final String ANY_PLATFORM = "any";
    public static final String SAME_PLATFORM = "same-platform";

    static Pool defaults() {
      return new Pool(
          0, DEFAULT_NAME, 1, 2, List.of(), ANY_PLATFORM, 0, 0, true, POOL_KEY, 300, "", List.of(), "127.0.0.1");
    }

    public Pool withProcessors(int count) {
      return new Pool(
          count, name, keyManagers, slotsPerProcessor, allowedWpMeasurements, wpLocalization, maxConcurrentWps,
          restartWpAfter, keyMigration, signatureScheme, rotationGraceSeconds, dedicatedRequester,
          wpDedicatedRequesters, internalHost);
    }

    /** @throws IllegalArgumentException naming the offending key */
    void validate() {
      if (processors < 0 || keyManagers < 1 || slotsPerProcessor < 1) {
        throw new IllegalArgumentException(
            "[pool] processors must be >= 0, key_managers and slots_per_processor >= 1");
      }
      if (!POOL_KEY.equals(signatureScheme) && !EXT_KEY.equals(signatureScheme)) {
        throw new IllegalArgumentException(
            "[pool] signature_scheme must be \"" + POOL_KEY + "\" or \"" + EXT_KEY + "\", not \"" + signatureScheme + "\"");
      }
      if (!ANY_PLATFORM.equals(wpLocalization) && !SAME_PLATFORM.equals(wpLocalization)) {
        throw new IllegalArgumentException(
            "[pool] wp_localization must be \"" + ANY_PLATFORM + "\" or \"" + SAME_PLATFORM + "\", not \"" + wpLocalization + "\"");
      }
      if (keyManagers > 1 && !keyMigration) {
        throw new IllegalArgumentException("[pool] key_managers > 1 needs key_migration = true");
      }
    }
  }

  public static CamelotConfig defaults() {
    return new CamelotConfig(
        Listener.defaults(), Store.defaults(), Queue.defaults(), Worker.defaults(), Crypto.defaults(),
        Pool.defaults());
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
      try {
        config.pool().validate();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid configuration " + file + ": " + e.getMessage(), e);
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
