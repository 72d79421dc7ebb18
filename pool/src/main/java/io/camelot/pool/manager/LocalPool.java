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
            JavaLauncher launcher,
            Path directory,
            Path teeDirectory,
            PoolIdentities identities,
            Settings settings,
            PoolDispatcher dispatcher,
            WorkerManager manager) {
        this.launcher = launcher;
        this.directory = directory;
        this.teeDirectory = teeDirectory;
        this.identities = identities;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.manager = manager;
        if (settings.keyManagers() > 1 && !settings.policy().keyMigration()) {
            throw new IllegalArgumentException(
                    "[pool] key_managers > 1 needs key_migration = true: replicas get the keys by migration");
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
            log.info(
                    "Pool started: {} WKM(s), {} WP(s), Worker Manager at {}",
                    settings.keyManagerUrls().isEmpty()
                            ? keyManagers.size()
                            : settings.keyManagerUrls().size(),
                    processors.size(),
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
        WkmLaunchSpec spec = WkmLaunchSpec.builder(
                        directory.resolve("wkm-" + index), identities.peerFiles("wkm-" + index))
                .exitWithParent(true)
                .teeDir(teeDirectory)
                .host(settings.host())
                .otlpEndpoint(settings.otlpEndpoint())
                .generateKeys(index == 0)
                .allowedWpMeasurements(policy.allowedWpMeasurements())
                .samePlatform(policy.samePlatformOnly())
                .maxWps(policy.maxConcurrentWps())
                .restartWpAfter(policy.maxWorkOrdersPerWp())
                .keyMigration(policy.keyMigration())
                .extKey(policy.extKeySignatures())
                .rotationGraceSeconds(policy.rotationGrace().toSeconds())
                .dedicatedRequester(policy.dedicatedRequesterKey())
                .requireRequesterSignature(policy.requireRequesterSignature())
                .build();
        ChildProcess wkm = ChildProcess.start(
                "wkm-" + index,
                launcher.command(spec.toArgs()),
                directory.resolve("wkm-" + index + ".log"),
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
        String dedicated = index < settings.wpDedicatedRequesters().size()
                ? settings.wpDedicatedRequesters().get(index)
                : "";
        ChildProcess wp = ChildProcess.start(
                "wp-" + index,
                launcher.command(
                        processorSpec(managerUrl, dedicated, "wp-" + index).toArgs()),
                directory.resolve("wp-" + index + ".log"),
                ChildProcess.DEFAULT_START_TIMEOUT);
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
     * The {@code camelot wp} command line of a WP of this pool that registers itself with the Worker
     * Manager at {@code managerUrl}: the fixed WPs here and the elastic ones an execution adaptor
     * starts. It signs with the key of {@code member} in {@link PoolIdentities}.
     */
    public WpLaunchSpec processorSpec(String managerUrl, String dedicatedRequester, String member) {
        return WpLaunchSpec.builder(managerUrl, teeDirectory, identities.peerFiles(member))
                .exitWithParent(true)
                .register(true)
                .host(settings.host())
                .slots(settings.slotsPerProcessor())
                .restartAfter(settings.policy().maxWorkOrdersPerWp())
                .dedicatedRequester(dedicatedRequester)
                // Children export their spans where this process does, so one work order's trace spans them
                // all.
                .otlpEndpoint(settings.otlpEndpoint())
                .build();
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
