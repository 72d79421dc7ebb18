package io.camelot.pool.manager;

import io.camelot.pool.PoolPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker pool on one machine ({@code camelot serve --pool N}): WKMs and WPs as child JVMs,
 * launched with the same java and class path, each on an ephemeral loopback port it reports when
 * ready. The first WKM creates (or unseals) the pool keys; the others join through the Worker
 * Manager with the Key Management API. WPs register themselves with the Worker Manager, as elastic
 * ones do. A WP or WKM that exits is started again; a restarted WKM takes the current keys from a
 * live one (the pool keeps serving from the others meanwhile). Every internal call is signed: each
 * child gets its own key from {@link PoolIdentities}.
 *
 * @see WorkerManager
 */
public final class LocalPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalPool.class);

  /**
   * @param processors WP processes
   * @param keyManagers WKM processes (replicas)
   * @param slotsPerProcessor work orders one WP runs at once
   * @param wpDedicatedRequesters requester id each WP (by index) is bound to; "" or missing: any
   * @param managerPort the Worker Manager's port (0: any free port)
   * @param keyManagerUrls WKMs that run on their own (replicas already joined); none started here
   */
  public record Settings(
      int processors,
      int keyManagers,
      int slotsPerProcessor,
      PoolPolicy policy,
      List<String> wpDedicatedRequesters,
      String host,
      Duration callTimeout,
      int managerPort,
      List<String> keyManagerUrls,
      String otlpEndpoint) {}

  private final JavaLauncher launcher;
  private final Path directory;
  private final Path teeDirectory;
  private final PoolIdentities identities;
  private final Settings settings;
  private final PoolDispatcher dispatcher;
  private final WorkerManager manager;
  private final Map<Integer, ChildProcess> keyManagers = new ConcurrentHashMap<>();
  private final Map<Integer, ChildProcess> processors = new ConcurrentHashMap<>();
  private volatile boolean closing;

  public LocalPool(
      JavaLauncher launcher, Path directory, Path teeDirectory, PoolIdentities identities, Settings settings,
      PoolDispatcher dispatcher, WorkerManager manager) {
    this.launcher = launcher;
    this.directory = directory;
    this.teeDirectory = teeDirectory;
    this.identities = identities;
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.manager = manager;
    if (settings.keyManagers() > 1 && !settings.policy().keyMigration()) {
      throw new IllegalArgumentException("[pool] key_managers > 1 needs key_migration = true: replicas get the keys by migration");
    }
  }

  /** Starts the WKMs, the Worker Manager and the WPs, and publishes the pool's worker record. */
  public void start() {
    try {
      if (settings.keyManagerUrls().isEmpty()) {
        for (int i = 0; i < settings.keyManagers(); i++) {
          manager.addKeyManager(startKeyManager(i).url(), i > 0);
        }
      } else {
        // Their policies are their own command lines; the replicas got the keys with wkm --join.
        settings.keyManagerUrls().forEach(url -> manager.addKeyManager(url, false));
      }
      String managerUrl = manager.start(settings.host(), settings.managerPort());
      manager.publish();
      for (int j = 0; j < settings.processors(); j++) {
        startProcessor(j, managerUrl);
      }
      log.info("Pool started: {} WKM(s), {} WP(s), Worker Manager at {}",
          settings.keyManagerUrls().isEmpty() ? keyManagers.size() : settings.keyManagerUrls().size(), processors.size(),
          managerUrl);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public List<ChildProcess> keyManagers() {
    return List.copyOf(keyManagers.values());
  }

  /** The WKM started with this index (its latest incarnation). */
  public ChildProcess keyManager(int index) {
    return keyManagers.get(index);
  }

  /** The keys this pool's members sign with and admit. */
  public PoolIdentities identities() {
    return identities;
  }

  public List<ChildProcess> processors() {
    return List.copyOf(processors.values());
  }

  /** The WKMs, then the WPs. */
  public List<ChildProcess> children() {
    List<ChildProcess> all = new ArrayList<>(keyManagers.values());
    all.addAll(processors.values());
    return all;
  }

  /** The WP started with this index (its latest incarnation). */
  public ChildProcess processor(int index) {
    return processors.get(index);
  }

  public WorkerManager manager() {
    return manager;
  }

  private ChildProcess startKeyManager(int index) {
    PoolPolicy policy = settings.policy();
    List<String> args = new ArrayList<>(List.of(
        "wkm", "--exit-with-parent", "--data-dir", directory.resolve("wkm-" + index).toString(), "--tee-dir", teeDirectory.toString(),
        "--signing-key", identities.keyFile("wkm-" + index).toString(), "--peer-keys", identities.peersFile().toString(),
        "--host", settings.host(), "--port", "0", "--admin-port", "0",
        "--max-wps", Integer.toString(policy.maxConcurrentWps()),
        "--restart-wp-after", Integer.toString(policy.maxWorkOrdersPerWp()),
        "--rotation-grace-seconds", Long.toString(policy.rotationGrace().toSeconds())));
    args.addAll(identities.tlsArgs());
    addTracing(args);
    for (String measurement : policy.allowedWpMeasurements()) {
      args.add("--allow-wp-measurement");
      args.add(measurement);
    }
    if (index == 0) {
      args.add("--generate-keys");
    }
    if (policy.samePlatformOnly()) {
      args.add("--same-platform");
    }
    if (!policy.keyMigration()) {
      args.add("--no-key-migration");
    }
    if (policy.extKeySignatures()) {
      args.add("--ext-key");
    }
    if (!policy.dedicatedRequesterKey().isEmpty()) {
      args.add("--dedicated-requester");
      args.add(policy.dedicatedRequesterKey());
    }
    if (policy.requireRequesterSignature()) {
      args.add("--require-requester-signature");
    }
    ChildProcess wkm =
        ChildProcess.start(
            "wkm-" + index, launcher.command(args), directory.resolve("wkm-" + index + ".log"),
            ChildProcess.DEFAULT_START_TIMEOUT);
    keyManagers.put(index, wkm);
    wkm.onExit().thenRun(() -> {
      if (!closing) {
        log.warn("WKM {} exited; starting it again", index);
        Thread.ofVirtual().start(() -> restartKeyManager(index, wkm.url()));
      }
    });
    return wkm;
  }

  private void restartKeyManager(int index, String previousUrl) {
    ChildProcess wkm;
    try {
      wkm = startKeyManager(index);
    } catch (RuntimeException e) {
      log.error("WKM {} could not be started again", index, e);
      return;
    }
    try {
      manager.replaceKeyManager(previousUrl, wkm.url());
    } catch (RuntimeException e) {
      // Without the current keys it must not serve; its exit starts the next attempt.
      log.error("WKM {} could not rejoin the pool; stopping it to start it again", index, e);
      wkm.kill();
    }
  }

  private void startProcessor(int index, String managerUrl) {
    String dedicated = index < settings.wpDedicatedRequesters().size() ? settings.wpDedicatedRequesters().get(index) : "";
    ChildProcess wp =
        ChildProcess.start("wp-" + index, launcher.command(processorArgs(managerUrl, dedicated, "wp-" + index)),
            directory.resolve("wp-" + index + ".log"), ChildProcess.DEFAULT_START_TIMEOUT);
    processors.put(index, wp);
    // Registered before it printed its readiness line; an exit without deregistering is a crash.
    wp.onExit().thenRun(() -> {
      dispatcher.remove(wp.url());
      if (!closing) {
        log.warn("WP {} exited; starting it again", index);
        Thread.ofVirtual().start(() -> restartProcessor(index, managerUrl));
      }
    });
  }

  /**
   * The {@code camelot wp} arguments of a WP of this pool that registers itself with the Worker
   * Manager at {@code managerUrl}: the fixed WPs here and the elastic ones an execution adaptor starts.
   * It signs with the key of {@code member} in {@link PoolIdentities}.
   */
  public List<String> processorArgs(String managerUrl, String dedicatedRequester, String member) {
    List<String> args = new ArrayList<>(List.of(
        "wp", "--exit-with-parent", "--manager", managerUrl, "--register",
        "--slots", Integer.toString(settings.slotsPerProcessor()), "--tee-dir", teeDirectory.toString(),
        "--signing-key", identities.keyFile(member).toString(), "--peer-keys", identities.peersFile().toString(),
        "--host", settings.host(), "--port", "0", "--admin-port", "0",
        "--restart-after", Integer.toString(settings.policy().maxWorkOrdersPerWp())));
    if (!dedicatedRequester.isEmpty()) {
      args.add("--dedicated-requester");
      args.add(dedicatedRequester);
    }
    args.addAll(identities.tlsArgs());
    addTracing(args);
    return args;
  }

  /** Children export their spans where this process does, so one work order's trace spans them all. */
  private void addTracing(List<String> args) {
    if (!settings.otlpEndpoint().isBlank()) {
      args.add("--otlp-endpoint");
      args.add(settings.otlpEndpoint());
    }
  }

  private void restartProcessor(int index, String managerUrl) {
    try {
      startProcessor(index, managerUrl);
    } catch (RuntimeException e) {
      log.error("WP {} could not be started again", index, e);
    }
  }

  @Override
  public void close() {
    closing = true;
    dispatcher.close();
    processors.values().forEach(ChildProcess::close);
    manager.close();
    keyManagers.values().forEach(ChildProcess::close);
  }
}
