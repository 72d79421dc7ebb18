package io.camelot.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.camelot.listener.NotifyHosts;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.pool.manager.WpHosts;
import io.camelot.protocol.crypto.CryptoProviders;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.scheduler.QueueSettings;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.postgres.PostgresSettings;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code camelot serve} configuration, read from an optional TOML file; every key has a
 * default, so a missing file or section means "embedded defaults". Command-line options override
 * the file.
 */
public record CamelotConfig(
    Listener listener,
    Store store,
    Queue queue,
    Worker worker,
    Crypto crypto,
    Workloads workloads,
    Pool pool,
    Cluster cluster,
    Security security,
    Admin admin,
    Logging logging) {

  /**
   * A configuration built in code (bench, tests, embedding): default workloads, no worker pool,
   * default cluster and security settings, no admin port, text logs.
   */
  public CamelotConfig(Listener listener, Store store, Queue queue, Worker worker, Crypto crypto) {
    this(
        listener, store, queue, worker, crypto, Workloads.defaults(), Pool.defaults(), Cluster.defaults(),
        Security.defaults(), Admin.disabled(), Logging.defaults());
  }

  public CamelotConfig withPool(Pool newPool) {
    return new CamelotConfig(listener, store, queue, worker, crypto, workloads, newPool, cluster, security, admin, logging);
  }

  /**
   * @param notifyHosts the hosts a work order's notifyUri may name (review finding H2); empty:
   *     notifications are off and a WorkOrderSubmit with a non-empty notifyUri gets code 2
   */
  public record Listener(
      String host,
      int port,
      @JsonProperty("max_body_bytes") int maxBodyBytes,
      @JsonProperty("sync_mode") boolean syncMode,
      @JsonProperty("sync_wait_cap_ms") long syncWaitCapMs,
      @JsonProperty("operator_methods") boolean operatorMethods,
      @JsonProperty("notify_hosts")
      @JsonPropertyDescription("hosts a work order's notifyUri may name: \"host\" (any port) or \"host:port\"; append"
          + " \"!private\" to let that host resolve to loopback, link-local or private addresses; [] = no notifications")
      List<String> notifyHosts) {
    /** A listener that sends no completion notices. */
    public Listener(
        String host, int port, int maxBodyBytes, boolean syncMode, long syncWaitCapMs, boolean operatorMethods) {
      this(host, port, maxBodyBytes, syncMode, syncWaitCapMs, operatorMethods, List.of());
    }

    static Listener defaults() {
      return new Listener("127.0.0.1", 1947, 1 << 20, false, 9_000, false);
    }
  }

  /**
   * @param backend {@code "lmdb"} (one process, the default) or {@code "postgres"} (a store shared
   *     by many listener and worker processes, see docs/scale-out.md)
   * @param password empty means: take it from the environment variable {@code CAMELOT_STORE_PASSWORD}
   */
  public record Store(
      @JsonProperty("data_dir") String dataDir,
      @JsonProperty("map_size_mb") long mapSizeMb,
      String backend,
      String url,
      String user,
      String password,
      @JsonProperty("pool_size") int poolSize,
      @JsonPropertyDescription(
              "lmdb only: new work orders are refused with BUSY (code 8) once the store uses this share"
                  + " of map_size_mb; the rest keeps completions, receipts and purge writable")
          @JsonProperty("submit_limit_percent")
          int submitLimitPercent) {
    public static final String LMDB = "lmdb";
    public static final String POSTGRES = "postgres";

    public Store(String dataDir, long mapSizeMb) {
      this(dataDir, mapSizeMb, LMDB, "", "", "", 8, LmdbTcsStore.DEFAULT_SUBMIT_LIMIT_PERCENT);
    }

    static Store defaults() {
      return new Store("camelot-data", 4096);
    }

    public boolean postgres() {
      return POSTGRES.equals(backend);
    }

    /** The PostgreSQL connection, the password from the file or else from the environment. */
    public PostgresSettings postgresSettings() {
      String secret = password.isEmpty() ? System.getenv().getOrDefault("CAMELOT_STORE_PASSWORD", "") : password;
      return new PostgresSettings(url, user, secret, poolSize);
    }

    /** Same store, another data directory (for a command-line override). */
    public Store withDataDir(String otherDataDir) {
      return new Store(otherDataDir, mapSizeMb, backend, url, user, password, poolSize, submitLimitPercent);
    }
  }

  /**
   * The shared queue of a PostgreSQL store.
   *
   * @param leaseMs how long a worker process holds a claimed work order without renewing; a crashed
   *     process's work orders are taken over after at most this long
   */
  public record Cluster(@JsonProperty("lease_ms") long leaseMs) {
    static Cluster defaults() {
      return new Cluster(30_000);
    }
  }

  public record Queue(
      @JsonProperty("max_outstanding") long maxOutstanding,
      @JsonProperty("retain_completed_hours") long retainCompletedHours,
      @JsonProperty("max_retained_completed") long maxRetainedCompleted,
      @JsonProperty("purge_interval_seconds") long purgeIntervalSeconds,
      @JsonPropertyDescription(
              "a work order still waiting for its worker after this long fails unrun (code 1); 0 = never;"
                  + " serve only (not the scale-out shared queue)")
          @JsonProperty("pending_timeout_seconds")
          long pendingTimeoutSeconds,
      @JsonPropertyDescription(
              "purge keeps every work order completed this recently, even beyond max_retained_completed"
                  + " (it logs an ERROR instead): a flood cannot push out others' results and receipts")
          @JsonProperty("min_retention_seconds")
          long minRetentionSeconds,
      @JsonPropertyDescription(
              "raw request bytes of the work orders admitted and not yet completed; beyond: code 8 BUSY;"
                  + " serve only (not the scale-out shared queue)")
          @JsonProperty("max_outstanding_bytes")
          long maxOutstandingBytes) {
    /** A queue with the default pending timeout, retention floor and byte cap. */
    public Queue(long maxOutstanding, long retainCompletedHours, long maxRetainedCompleted, long purgeIntervalSeconds) {
      this(maxOutstanding, retainCompletedHours, maxRetainedCompleted, purgeIntervalSeconds,
          QueueSettings.DEFAULT_PENDING_TIMEOUT.toSeconds(), QueueSettings.DEFAULT_MIN_RETENTION.toSeconds(),
          QueueSettings.DEFAULT_MAX_OUTSTANDING_BYTES);
    }

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
      @JsonProperty("key_encryption") List<String> keyEncryption,
      @JsonPropertyDescription("refuse work orders without a requester signature (code 3), in either envelope form")
          @JsonProperty("require_requester_signature")
          boolean requireRequesterSignature) {
    /** The simulated TEE: no hardware, evidence labelled TEE-SIMULATED. */
    public static final String SIMULATED = "simulated";
    /** SGX under Gramine: DCAP quotes from /dev/attestation. */
    public static final String GRAMINE = "gramine";

    /** A worker built in code that takes unsigned work orders. */
    public Worker(
        String name, String organizationId, String applicationTypeId, int concurrency, String tee,
        String collateralDir, List<String> keyEncryption) {
      this(name, organizationId, applicationTypeId, concurrency, tee, collateralDir, keyEncryption, false);
    }

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
   * WASM runtime workloads and External IO (docs/workloads.md).
   *
   * @param builtinExamples offer the example modules built into the distribution
   * @param inlineModules let requesters send their own module as workload {@code wasm-inline}
   * @param inlineMaxBytes the largest inline module accepted
   * @param maxInstructions per WASM work order: the instruction budget
   * @param maxMemoryPages per WASM work order: 64 KiB pages of linear memory
   * @param timeoutMs per WASM work order: the wall-clock limit
   * @param kvDir deprecated: where releases before the store-backed {@code kv} connector kept its
   *     sealed values, one file per key; they are imported into the store at start and the
   *     directory renamed; empty means {@code <data_dir>/kv}
   * @param modules operator-registered WASM modules, each with its SHA-256
   * @param grants which workload may call which connector, and under what policy
   */
  public record Workloads(
      @JsonProperty("builtin_examples") boolean builtinExamples,
      @JsonProperty("inline_modules") boolean inlineModules,
      @JsonProperty("inline_max_bytes") int inlineMaxBytes,
      @JsonProperty("max_instructions") long maxInstructions,
      @JsonProperty("max_memory_pages") int maxMemoryPages,
      @JsonProperty("timeout_ms") long timeoutMs,
      @JsonProperty("kv_dir")
          @JsonPropertyDescription("deprecated: kv files of earlier releases, imported into the store at start; \"\" = kv in data_dir")
          String kvDir,
      List<Module> modules,
      List<Grant> grants) {

    public Workloads {
      modules = modules == null ? List.of() : List.copyOf(modules);
      grants = grants == null ? List.of() : List.copyOf(grants);
    }

    public static Workloads defaults() {
      return new Workloads(true, false, 1 << 20, 100_000_000L, 256, 10_000, "", List.of(), List.of());
    }

    public Workloads withInlineModules(boolean allowed) {
      return new Workloads(
          builtinExamples, allowed, inlineMaxBytes, maxInstructions, maxMemoryPages, timeoutMs, kvDir, modules, grants);
    }

    public Workloads withGrants(List<Grant> newGrants) {
      return new Workloads(
          builtinExamples, inlineModules, inlineMaxBytes, maxInstructions, maxMemoryPages, timeoutMs, kvDir, modules,
          newGrants);
    }

    public Workloads withModules(List<Module> newModules) {
      return new Workloads(
          builtinExamples, inlineModules, inlineMaxBytes, maxInstructions, maxMemoryPages, timeoutMs, kvDir,
          newModules, grants);
    }

    public Workloads withLimits(long instructions, int memoryPages, long timeout) {
      return new Workloads(
          builtinExamples, inlineModules, inlineMaxBytes, instructions, memoryPages, timeout, kvDir, modules, grants);
    }

    /** {@code [[workloads.modules]]}: a WASM module file registered under a workload name. */
    public record Module(String name, String file, String sha256) {}

    /**
     * {@code [[workloads.grants]]}: lets {@code workload} call {@code connector}.
     *
     * @param allowedHosts https only: {@code host} (port 443) or {@code host:port}
     * @param methods https only: allowed HTTP methods; default GET
     * @param maxBytes largest request, response or stored value; default 1 MiB
     * @param trustPem https only: a PEM file of the roots to trust instead of the JDK's
     */
    public record Grant(
        String workload,
        String connector,
        @JsonProperty("allowed_hosts") List<String> allowedHosts,
        List<String> methods,
        @JsonProperty("max_bytes") long maxBytes,
        @JsonProperty("trust_pem") String trustPem) {
      public Grant {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        methods = methods == null ? List.of("GET") : List.copyOf(methods);
        maxBytes = maxBytes == 0 ? 1 << 20 : maxBytes;
        trustPem = trustPem == null ? "" : trustPem;
      }
    }
  }

  /**
   * A worker pool beside the singleton worker (see docs/pools.md): WKMs and WPs as child processes,
   * published as one worker named {@code name}. {@code processors = 0} (and no {@code
   * max_processors}) runs no pool. With {@code max_processors > processors} the pool is elastic: a
   * scaler starts and stops WPs between the two by queue depth and slot use (docs/pools.md).
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
      @JsonPropertyDescription("serve only work orders signed with this requester key: secp256k1 SPKI PEM text or the path of a PEM file (not a requester id, which anyone can claim); \"\" = any requester")
          @JsonProperty("dedicated_requester")
          String dedicatedRequester,
      @JsonPropertyDescription("refuse work orders without a requester signature (code 3); implied by dedicated_requester")
          @JsonProperty("require_requester_signature")
          boolean requireRequesterSignature,
      @JsonProperty("wp_dedicated_requesters") List<String> wpDedicatedRequesters,
      @JsonProperty("internal_host") String internalHost,
      @JsonPropertyDescription("elastic pool: at most this many WPs, started on demand; 0 or processors: a fixed pool")
          @JsonProperty("max_processors")
          int maxProcessors,
      @JsonPropertyDescription("elastic pool: queued plus running work orders one WP is expected to carry before another starts")
          @JsonProperty("work_orders_per_processor")
          int workOrdersPerProcessor,
      @JsonPropertyDescription("elastic pool: seconds the pool must stay idle before one WP above processors is stopped (drained)")
          @JsonProperty("scale_down_idle_seconds")
          long scaleDownIdleSeconds,
      @JsonPropertyDescription("elastic pool: \"process\" (WPs as child processes) or \"kubernetes\" (WPs as pods)")
          String launcher,
      @JsonPropertyDescription("launcher = \"kubernetes\": namespace of the WP pods (the serve pod's service account may manage pods there)")
          @JsonProperty("kubernetes_namespace")
          String kubernetesNamespace,
      @JsonPropertyDescription("launcher = \"kubernetes\": the Camelot image the WP pods run")
          @JsonProperty("kubernetes_image")
          String kubernetesImage,
      @JsonPropertyDescription("seconds a stopping WP may take to drain before it is killed (pod grace period)")
          @JsonProperty("drain_seconds")
          long drainSeconds,
      @JsonPropertyDescription("the Worker Manager's port on internal_host; 0 picks a free one (pods need a fixed one)")
          @JsonProperty("manager_port")
          int managerPort,
      @JsonPropertyDescription("URL WPs reach the Worker Manager on, when it is not http://internal_host:port (e.g. a Service name)")
          @JsonProperty("manager_url")
          String managerUrl,
      @JsonPropertyDescription("WKMs that run on their own (e.g. a StatefulSet, replicas joined with wkm --join): serve starts none and uses these URLs")
          @JsonProperty("key_manager_urls")
          List<String> keyManagerUrls,
      @JsonPropertyDescription("directory of pool signing keys provisioned with camelot operator pool-keys (needed when pool processes run elsewhere: key_manager_urls, launcher = \"kubernetes\"); empty: generated afresh at each start")
          @JsonProperty("keys_dir")
          String keysDir,
      @JsonPropertyDescription("launcher = \"kubernetes\": the Secret holding keys_dir's files, mounted into the WP pods")
          @JsonProperty("kubernetes_keys_secret")
          String kubernetesKeysSecret,
      @JsonPropertyDescription("pool links of serve's own children: \"off\" (HTTP on internal_host, every call still signed) or \"dev\" (HTTPS with a self-signed development certificate generated at each start)")
          String tls,
      @JsonPropertyDescription("hosts (names, addresses or CIDR ranges) WPs may register under; [] = loopback and internal_host")
          @JsonProperty("wp_hosts")
          List<String> wpHosts) {
    public static final String DEFAULT_NAME = "pool-worker-1";
    public static final String PROCESS_LAUNCHER = "process";
    public static final String KUBERNETES_LAUNCHER = "kubernetes";
    public static final String POOL_KEY = "pool-key";
    public static final String TLS_OFF = "off";
    public static final String TLS_DEV = "dev";
    public static final String EXT_KEY = "ext-key";
    public static final String ANY_PLATFORM = "any";
    public static final String SAME_PLATFORM = "same-platform";

    /** A fixed pool with the default elastic settings and no signature requirement, for pools built in code. */
    public Pool(
        int processors, String name, int keyManagers, int slotsPerProcessor, List<String> allowedWpMeasurements,
        String wpLocalization, int maxConcurrentWps, int restartWpAfter, boolean keyMigration, String signatureScheme,
        long rotationGraceSeconds, String dedicatedRequester, List<String> wpDedicatedRequesters, String internalHost) {
      this(
          processors, name, keyManagers, slotsPerProcessor, allowedWpMeasurements, wpLocalization, maxConcurrentWps,
          restartWpAfter, keyMigration, signatureScheme, rotationGraceSeconds, dedicatedRequester, false,
          wpDedicatedRequesters, internalHost, 0, 4, 30, PROCESS_LAUNCHER, "default", "", 60, 0, "", List.of(), "",
          "camelot-pool-keys", TLS_OFF, List.of());
    }

    static Pool defaults() {
      return new Pool(
          0, DEFAULT_NAME, 1, 2, List.of(), ANY_PLATFORM, 0, 0, true, POOL_KEY, 300, "", List.of(), "127.0.0.1");
    }

    public Pool withProcessors(int count) {
      return new Pool(
          count, name, keyManagers, slotsPerProcessor, allowedWpMeasurements, wpLocalization, maxConcurrentWps,
          restartWpAfter, keyMigration, signatureScheme, rotationGraceSeconds, dedicatedRequester, requireRequesterSignature,
          wpDedicatedRequesters, internalHost, maxProcessors, workOrdersPerProcessor, scaleDownIdleSeconds, launcher,
          kubernetesNamespace, kubernetesImage, drainSeconds, managerPort, managerUrl, keyManagerUrls, keysDir, kubernetesKeysSecret, tls, wpHosts);
    }

    /** The same pool on WKMs that run on their own at these URLs. */
    public Pool withKeyManagerUrls(List<String> urls) {
      return new Pool(
          processors, name, keyManagers, slotsPerProcessor, allowedWpMeasurements, wpLocalization, maxConcurrentWps,
          restartWpAfter, keyMigration, signatureScheme, rotationGraceSeconds, dedicatedRequester, requireRequesterSignature,
          wpDedicatedRequesters, internalHost, maxProcessors, workOrdersPerProcessor, scaleDownIdleSeconds, launcher,
          kubernetesNamespace, kubernetesImage, drainSeconds, managerPort, managerUrl, List.copyOf(urls), keysDir, kubernetesKeysSecret, tls, wpHosts);
    }

    /** The same pool with its children's links over TLS ({@link #TLS_DEV}) or not. */
    public Pool withTls(String mode) {
      return new Pool(
          processors, name, keyManagers, slotsPerProcessor, allowedWpMeasurements, wpLocalization, maxConcurrentWps,
          restartWpAfter, keyMigration, signatureScheme, rotationGraceSeconds, dedicatedRequester, requireRequesterSignature,
          wpDedicatedRequesters, internalHost, maxProcessors, workOrdersPerProcessor, scaleDownIdleSeconds, launcher,
          kubernetesNamespace, kubernetesImage, drainSeconds, managerPort, managerUrl, keyManagerUrls, keysDir,
          kubernetesKeysSecret, mode, wpHosts);
    }

    /** The same pool signing with the keys an operator provisioned in {@code directory}. */
    public Pool withKeysDir(String directory) {
      return new Pool(
          processors, name, keyManagers, slotsPerProcessor, allowedWpMeasurements, wpLocalization, maxConcurrentWps,
          restartWpAfter, keyMigration, signatureScheme, rotationGraceSeconds, dedicatedRequester, requireRequesterSignature,
          wpDedicatedRequesters, internalHost, maxProcessors, workOrdersPerProcessor, scaleDownIdleSeconds, launcher,
          kubernetesNamespace, kubernetesImage, drainSeconds, managerPort, managerUrl, keyManagerUrls, directory, kubernetesKeysSecret, tls, wpHosts);
    }

    /** An elastic pool of {@code min} to {@code max} WPs started by the given launcher. */
    public Pool withScaling(int min, int max, int perProcessor, long idleSeconds, String newLauncher) {
      return new Pool(
          min, name, keyManagers, slotsPerProcessor, allowedWpMeasurements, wpLocalization, maxConcurrentWps,
          restartWpAfter, keyMigration, signatureScheme, rotationGraceSeconds, dedicatedRequester, requireRequesterSignature,
          wpDedicatedRequesters, internalHost, max, perProcessor, idleSeconds, newLauncher,
          kubernetesNamespace, kubernetesImage, drainSeconds, managerPort, managerUrl, keyManagerUrls, keysDir, kubernetesKeysSecret, tls, wpHosts);
    }

    /** Whether a scaler starts and stops WPs between processors and max_processors. */
    public boolean elastic() {
      return maxProcessors > processors;
    }

    /** Whether this node runs a pool at all. */
    public boolean enabled() {
      return processors > 0 || maxProcessors > 0;
    }

    /** Where WPs may register: {@code wp_hosts}, or where serve's own WPs listen (loopback, internal_host). */
    public WpHosts allowedWpHosts() {
      if (!wpHosts.isEmpty()) {
        return WpHosts.parse(wpHosts);
      }
      List<String> local = new ArrayList<>(WpHosts.LOOPBACK);
      local.add(internalHost);
      return WpHosts.parse(local);
    }

    /** The most WPs the pool runs at once. */
    public int maxWps() {
      return Math.max(processors, maxProcessors);
    }

    /**
     * {@code dedicated_requester} as canonical PEM, "" for none.
     *
     * @throws IllegalArgumentException if it is no requester key, a requester id in particular
     */
    public String dedicatedRequesterKey() {
      return RequesterKeySetting.canonicalPem("[pool] dedicated_requester", dedicatedRequester);
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
      if (!TLS_OFF.equals(tls) && !TLS_DEV.equals(tls)) {
        throw new IllegalArgumentException("[pool] tls must be \"" + TLS_OFF + "\" or \"" + TLS_DEV + "\", not \"" + tls + "\"");
      }
      if (TLS_DEV.equals(tls) && !keysDir.isBlank()) {
        throw new IllegalArgumentException(
            "[pool] tls = \"dev\" is for the children of one serve; with keys_dir give wkm and wp --tls-cert/--tls-key/--tls-trust");
      }
      if (!keyManagerUrls.isEmpty() && keysDir.isBlank()) {
        throw new IllegalArgumentException(
            "[pool] key_manager_urls needs keys_dir: WKMs started elsewhere must admit this node's signed calls");
      }
      dedicatedRequesterKey();
      allowedWpHosts();
      validateScaling();
    }

    private void validateScaling() {
      if (maxProcessors < 0 || workOrdersPerProcessor < 1 || scaleDownIdleSeconds < 0 || drainSeconds < 0) {
        throw new IllegalArgumentException(
            "[pool] max_processors, scale_down_idle_seconds and drain_seconds must be >= 0, work_orders_per_processor >= 1");
      }
      if (!PROCESS_LAUNCHER.equals(launcher) && !KUBERNETES_LAUNCHER.equals(launcher)) {
        throw new IllegalArgumentException(
            "[pool] launcher must be \"" + PROCESS_LAUNCHER + "\" or \"" + KUBERNETES_LAUNCHER + "\", not \"" + launcher + "\"");
      }
      if (!elastic()) {
        return;
      }
      if (!wpDedicatedRequesters.isEmpty()) {
        throw new IllegalArgumentException("[pool] wp_dedicated_requesters needs a fixed pool: elastic WPs serve any requester");
      }
      if (KUBERNETES_LAUNCHER.equals(launcher)
          && (kubernetesImage.isBlank() || managerUrl.isBlank() || managerPort == 0 || keysDir.isBlank())) {
        throw new IllegalArgumentException(
            "[pool] launcher = \"kubernetes\" needs kubernetes_image, manager_port and manager_url (the pods reach the Worker Manager there)"
                + " and keys_dir (the pods sign with its " + PoolIdentities.ELASTIC_WP + " key, mounted from a Secret)");
      }
    }
  }

  /**
   * The admin port: Prometheus {@code /metrics}, {@code /health/live}, {@code /health/ready} and the
   * dashboard. Loopback by default; it shows ids and timings, never work-order data.
   */
  public record Admin(
      @JsonPropertyDescription("serve /metrics, /health/live, /health/ready and the dashboard") boolean enabled,
      @JsonPropertyDescription("interface to bind; keep it on loopback unless a firewall guards the port") String host,
      @JsonPropertyDescription("TCP port; 0 picks a free one (printed at start-up)") int port) {
    static Admin defaults() {
      return new Admin(true, "127.0.0.1", 9947);
    }

    static Admin disabled() {
      return new Admin(false, "127.0.0.1", 0);
    }
  }

  /**
   * @param format {@code "text"} (human) or {@code "json"} (one JSON object per line, with the
   *     MDC: {@code traceId} and {@code workOrderId} on work-order lines)
   * @param workOrders log every work order's stages (listener, queue, worker) at DEBUG on the
   *     {@code io.camelot.trace} logger
   * @param otlpEndpoint OTLP/HTTP base URL to export work-order spans to; empty: no spans
   */
  public record Logging(
      @JsonPropertyDescription("\"text\" for people, \"json\" for one JSON object per line with the MDC") String format,
      @JsonPropertyDescription("log every work order's stages with its traceId (logger io.camelot.trace)")
          @JsonProperty("work_orders")
          boolean workOrders,
      @JsonPropertyDescription(
              "OTLP/HTTP endpoint (e.g. http://127.0.0.1:4318) to export work-order spans to, under the work order's traceId; empty: none")
          @JsonProperty("otlp_endpoint")
          String otlpEndpoint) {
    public static final String TEXT = "text";
    public static final String JSON = "json";

    public Logging(String format, boolean workOrders) {
      this(format, workOrders, "");
    }

    static Logging defaults() {
      return new Logging(TEXT, false);
    }

    public Logging withOtlpEndpoint(String endpoint) {
      return new Logging(format, workOrders, endpoint);
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
   * @param operatorAudiences the {@code host:port}s operators address this listener by (its URL in
   *     {@code camelot operator --url}); a request signed for another listener is refused. Empty:
   *     any, which lets a request captured on its way to one listener of a deployment be replayed
   *     at another with the same operator keys
   * @param legacyEnvelope {@code "allow"} (Avalon's clients keep working) or {@code "refuse"}: work
   *     orders in Avalon's envelope form, with its known flaws, get code 2 (docs/envelope.md)
   */
  public record Security(
      String tls,
      @JsonProperty("tls_cert") String tlsCert,
      @JsonProperty("tls_key") String tlsKey,
      @JsonProperty("tls_client_ca") String tlsClientCa,
      @JsonProperty("operator_keys") String operatorKeys,
      @JsonProperty("operator_window_seconds") long operatorWindowSeconds,
      @JsonProperty("operator_audiences") List<String> operatorAudiences,
      @JsonProperty("rate_per_address") double ratePerAddress,
      @JsonProperty("burst_per_address") int burstPerAddress,
      @JsonProperty("rate_per_requester") double ratePerRequester,
      @JsonProperty("burst_per_requester") int burstPerRequester,
      @JsonProperty("max_items") int maxItems,
      @JsonProperty("max_item_chars") int maxItemChars,
      @JsonProperty("legacy_envelope") String legacyEnvelope) {
    public static final String TLS_OFF = "off";
    public static final String ALLOW = "allow";
    public static final String REFUSE = "refuse";
    public static final String TLS_DEV = "dev";
    public static final String TLS_ON = "on";

    static Security defaults() {
      return new Security(TLS_OFF, "", "", "", "", 300, List.of(), 10_000, 20_000, 500, 1000, 100, 1 << 20, ALLOW);
    }
  }

  public static CamelotConfig defaults() {
    return new CamelotConfig(
        Listener.defaults(), Store.defaults(), Queue.defaults(), Worker.defaults(), Crypto.defaults(),
        Workloads.defaults(), Pool.defaults(), Cluster.defaults(), Security.defaults(), Admin.defaults(), Logging.defaults());
  }

  public CamelotConfig withWorkloads(Workloads newWorkloads) {
    return new CamelotConfig(listener, store, queue, worker, crypto, newWorkloads, pool, cluster, security, admin, logging);
  }

  public CamelotConfig withSecurity(Security newSecurity) {
    return new CamelotConfig(listener, store, queue, worker, crypto, workloads, pool, cluster, newSecurity, admin, logging);
  }

  public CamelotConfig withLogging(Logging newLogging) {
    return new CamelotConfig(listener, store, queue, worker, crypto, workloads, pool, cluster, security, admin, newLogging);
  }

  public CamelotConfig withAdmin(Admin newAdmin) {
    return new CamelotConfig(listener, store, queue, worker, crypto, workloads, pool, cluster, security, newAdmin, logging);
  }

  /**
   * Reads a TOML file over the defaults: keys it names replace the default, others keep it.
   *
   * @throws UserError naming the file and, where it can, the line, section and key at fault
   */
  public static CamelotConfig load(Path file) {
    // No coercion: port = "20020" or host = 5 is a mistake to report, not to guess at.
    TomlMapper mapper =
        TomlMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(
                LogicalType.Textual,
                c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw UserError.usage("configuration file " + file + " does not exist", e);
    } catch (IOException e) {
      throw UserError.usage("cannot read configuration file " + file + ": " + WireLogFile.reason(e), e);
    }
    List<String> lines = text.lines().toList();
    ObjectNode merged = mapper.valueToTree(defaults());
    JsonNode given;
    try {
      given = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw UserError.usage(
          "invalid configuration " + file + ": " + (at != null && at.getLineNr() > 0 ? "line " + at.getLineNr() + ": " : "")
              + e.getOriginalMessage(),
          e);
    }
    for (Map.Entry<String, JsonNode> section : given.properties()) {
      if (!(merged.get(section.getKey()) instanceof ObjectNode target) || !section.getValue().isObject()) {
        String known = merged.properties().stream().map(Map.Entry::getKey).collect(Collectors.joining(", "));
        throw UserError.usage(
            "invalid configuration " + file + ": " + at(lines, section.getKey(), null) + "unknown section ["
                + section.getKey() + "]; known sections: " + known);
      }
      target.setAll((ObjectNode) section.getValue());
    }
    CamelotConfig config;
    try {
      config = mapper.treeToValue(merged, CamelotConfig.class);
    } catch (JsonProcessingException e) {
      throw UserError.usage("invalid configuration " + file + ": " + mappingProblem(e, lines, given), e);
    }
    OutOfRange range = config.outOfRange();
    if (range != null) {
      throw UserError.usage(
          "invalid configuration " + file + ": " + at(lines, range.section(), range.key()) + "[" + range.section() + "] "
              + range.key() + ": " + range.problem());
    }
    try {
      config.validateChoices();
    } catch (IllegalArgumentException e) {
      // Each message starts "[section] key": point at the line that sets it.
      Matcher named = NAMED_SETTING.matcher(e.getMessage());
      String line = named.lookingAt() ? at(lines, named.group(1), named.group(2)) : "";
      throw UserError.usage("invalid configuration " + file + ": " + line + e.getMessage(), e);
    }
    return config;
  }

  private static final Pattern OPERATOR_AUDIENCE = Pattern.compile("[a-z0-9.\\[\\]:-]{1,255}:[0-9]{1,5}");

  private static final Pattern NAMED_SETTING = Pattern.compile("\\[(\\w+)\\] (\\w+)");

  /** A setting outside the values it may take. */
  record OutOfRange(String section, String key, String problem) {}

  /** The first numeric setting outside its range, null if all are in range. */
  OutOfRange outOfRange() {
    if (listener.port() < 0 || listener.port() > 65535) {
      return new OutOfRange("listener", "port", "must be in 0..65535, not " + listener.port());
    }
    if (admin.port() < 0 || admin.port() > 65535) {
      return new OutOfRange("admin", "port", "must be in 0..65535, not " + admin.port());
    }
    if (listener.maxBodyBytes() < 1) {
      return new OutOfRange("listener", "max_body_bytes", "must be >= 1, not " + listener.maxBodyBytes());
    }
    if (worker.concurrency() < 1) {
      return new OutOfRange("worker", "concurrency", "must be >= 1, not " + worker.concurrency());
    }
    if (store.mapSizeMb() < 1) {
      return new OutOfRange("store", "map_size_mb", "must be >= 1, not " + store.mapSizeMb());
    }
    if (queue.maxOutstandingBytes() < 1) {
      return new OutOfRange("queue", "max_outstanding_bytes", "must be >= 1, not " + queue.maxOutstandingBytes());
    }
    if (queue.minRetentionSeconds() < 0) {
      return new OutOfRange("queue", "min_retention_seconds", "must be >= 0, not " + queue.minRetentionSeconds());
    }
    if (store.submitLimitPercent() < 1 || store.submitLimitPercent() > 100) {
      return new OutOfRange(
          "store", "submit_limit_percent", "must be in 1..100, not " + store.submitLimitPercent());
    }
    return null;
  }

  /**
   * Without operator keys, operator methods trust callers by their loopback address, and behind a
   * same-host proxy or sidecar every caller has one (review L2): only a listener bound to loopback,
   * where nothing else can forward to it from outside by accident, may do that.
   *
   * @throws IllegalArgumentException naming {@code [listener] operator_methods}
   */
  void validateOperatorAccess() {
    if (listener.operatorMethods() && security.operatorKeys().isEmpty() && !loopback(listener.host())) {
      throw new IllegalArgumentException(
          "[listener] operator_methods = true without [security] operator_keys is allowed only on a listener bound to"
              + " loopback (host = \"127.0.0.1\", \"::1\" or \"localhost\"), not \"" + listener.host()
              + "\": set operator_keys (camelot operator keygen) so operator calls are signed");
    }
  }

  // As written in the configuration: no name is resolved.
  private static boolean loopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  /** @throws IllegalArgumentException naming the section and key of a setting with no such choice */
  private void validateChoices() {
    if (!Store.LMDB.equals(store.backend()) && !Store.POSTGRES.equals(store.backend())) {
      throw new IllegalArgumentException("[store] backend must be \"lmdb\" or \"postgres\", not \"" + store.backend() + "\"");
    }
    if (store.postgres() && store.url().isBlank()) {
      throw new IllegalArgumentException(
          "[store] backend = \"postgres\" needs url = \"jdbc:postgresql://host:port/database\"");
    }
    if (!Worker.SIMULATED.equals(worker.tee()) && !Worker.GRAMINE.equals(worker.tee())) {
      throw new IllegalArgumentException("[worker] tee must be \"simulated\" or \"gramine\", not \"" + worker.tee() + "\"");
    }
    if (!CryptoProviders.JCA.equals(crypto.provider()) && !CryptoProviders.ACCP.equals(crypto.provider())) {
      throw new IllegalArgumentException(
          "[crypto] provider must be \"" + CryptoProviders.JCA + "\" or \"" + CryptoProviders.ACCP + "\", not \""
              + crypto.provider() + "\"");
    }
    if (!Logging.TEXT.equals(logging.format()) && !Logging.JSON.equals(logging.format())) {
      throw new IllegalArgumentException("[logging] format must be \"text\" or \"json\", not \"" + logging.format() + "\"");
    }
    pool.validate();
    validateOperatorAccess();
    try {
      NotifyHosts.parse(listener.notifyHosts());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("[listener] " + e.getMessage(), e);
    }
    if (!List.of(Security.TLS_OFF, Security.TLS_DEV, Security.TLS_ON).contains(security.tls())) {
      throw new IllegalArgumentException(
          "[security] tls must be \"off\", \"dev\" or \"on\", not \"" + security.tls() + "\"");
    }
    for (String audience : security.operatorAudiences()) {
      if (!OPERATOR_AUDIENCE.matcher(audience).matches()) {
        throw new IllegalArgumentException(
            "[security] operator_audiences: \"" + audience + "\" is not a lower-case host:port such as \"tcs.example.com:443\"");
      }
    }
    if (!Security.ALLOW.equals(security.legacyEnvelope()) && !Security.REFUSE.equals(security.legacyEnvelope())) {
      throw new IllegalArgumentException(
          "[security] legacy_envelope must be \"allow\" or \"refuse\", not \"" + security.legacyEnvelope() + "\"");
    }
  }

  /**
   * Jackson's binding error as "line N: [section] key: what is wrong". The file is bound as a tree
   * merged over the defaults, which has no lines, so the line is looked up by section and key.
   */
  private static String mappingProblem(JsonProcessingException e, List<String> lines, JsonNode given) {
    List<JsonMappingException.Reference> path =
        e instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
    if (path.isEmpty()) {
      return e.getOriginalMessage();
    }
    String section = path.getFirst().getFieldName();
    StringBuilder key = new StringBuilder();
    JsonNode value = given.path(section);
    for (JsonMappingException.Reference step : path.subList(1, path.size())) {
      if (step.getFieldName() != null) {
        key.append(key.isEmpty() ? "" : ".").append(step.getFieldName());
        value = value.path(step.getFieldName());
      } else {
        key.append('[').append(step.getIndex()).append(']');
        value = value.path(step.getIndex());
      }
    }
    String problem =
        switch (e) {
          case UnrecognizedPropertyException unknown ->
              "unknown key; known keys: "
                  + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
          case MismatchedInputException mismatch when mismatch.getTargetType() != null ->
              "expected " + typeName(mismatch.getTargetType()) + (value.isMissingNode() ? "" : ", not " + value);
          default -> e.getOriginalMessage();
        };
    String name = key.toString();
    return at(lines, section, name.isEmpty() ? null : name) + "[" + section + "] " + name + ": " + problem;
  }

  private static String typeName(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    return List.class.isAssignableFrom(type) ? "an array" : "a table";
  }

  /** "line N: " where [section] (or its key, if not null) is set, "" if not found. */
  private static String at(List<String> lines, String section, String key) {
    String current = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("[")) {
        current = line.replaceAll("^\\[+\\s*|\\s*\\].*$", "");
        if (key == null && current.equals(section)) {
          return "line " + (i + 1) + ": ";
        }
        continue;
      }
      int equals = line.indexOf('=');
      String name = equals > 0 ? line.substring(0, equals).strip().replace("\"", "") : "";
      if (key != null && (current.equals(section) && name.equals(key) || current.isEmpty() && name.equals(section + "." + key))) {
        return "line " + (i + 1) + ": ";
      }
    }
    return "";
  }

  public WorkerConfig workerConfig() {
    return new WorkerConfig(
        worker.name, worker.organizationId, worker.applicationTypeId, worker.concurrency,
        worker.requireRequesterSignature);
  }
}
