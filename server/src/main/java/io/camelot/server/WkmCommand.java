package io.camelot.server;

import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.SimulatedTee;
import io.camelot.ops.ReadinessCheck;
import io.camelot.ops.Telemetry;
import io.camelot.pool.Measurements;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolMetrics;
import io.camelot.pool.PoolPolicy;
import io.camelot.pool.RpcClient;
import io.camelot.pool.manager.WkmLaunchSpec;
import io.camelot.pool.wkm.KeyManager;
import io.camelot.pool.wkm.WkmServer;
import io.camelot.server.config.RequesterKeySetting;
import io.camelot.worker.Workloads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one Worker Key Manager of a pool until stopped. */
@Command(
        name = "wkm",
        mixinStandardHelpOptions = true,
        description = "Run a Worker Key Manager: the only holder of a worker pool's private keys (SIMULATED TEE).")
final class WkmCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Interface to bind (default ${DEFAULT-VALUE})")
    String host = WkmLaunchSpec.DEFAULT_HOST;

    @Option(names = "--port", description = "Port (default ${DEFAULT-VALUE}: any free port)")
    int port;

    @Option(names = "--data-dir", required = true, description = "Where the pool keys are kept sealed")
    Path dataDir;

    @Option(names = "--tee-dir", description = "Simulated TEE directory (default: <data-dir>/tee)")
    Path teeDir;

    @Option(names = "--generate-keys", description = "Create pool keys if none are sealed here")
    boolean generateKeys;

    @Option(names = "--join", description = "Get the pool keys from the WKM at this URL (replication)")
    String join;

    @Option(
            names = "--allow-wp-measurement",
            description = "WP association: allowed WP measurement (hex), repeatable; default: this build's WP")
    List<String> allowedWpMeasurements = new ArrayList<>();

    @Option(names = "--same-platform", description = "WP localization: admit only WPs on this WKM's platform")
    boolean samePlatform;

    @Option(names = "--max-wps", description = "Maximum WPs admitted at once (default ${DEFAULT-VALUE}: no limit)")
    int maxWps;

    @Option(
            names = "--restart-wp-after",
            description = "Work orders per WP identity before it must restart (default ${DEFAULT-VALUE}: no limit)")
    int restartWpAfter;

    @Option(names = "--no-key-migration", description = "Private key migration policy: never export the keys")
    boolean noKeyMigration;

    @Option(names = "--ext-key", description = "Sign results Avalon's two-step way (extVerificationKey)")
    boolean extKey;

    @Option(
            names = "--rotation-grace-seconds",
            description = "Grace for the previous key after a rotation (default ${DEFAULT-VALUE})")
    long rotationGraceSeconds = WkmLaunchSpec.DEFAULT_ROTATION_GRACE_SECONDS;

    @Option(
            names = "--dedicated-requester",
            description =
                    "Serve only work orders signed with this requester key: secp256k1 SPKI PEM text or a PEM file")
    String dedicatedRequester = "";

    @Option(names = "--require-requester-signature", description = "Refuse work orders without a requester signature")
    boolean requireRequesterSignature;

    @Mixin
    PoolChildOptions child = new PoolChildOptions();

    /** These options, typed: the inverse of {@link WkmLaunchSpec#toArgs()}. */
    WkmLaunchSpec spec() {
        return WkmLaunchSpec.builder(dataDir, child.peer.files())
                .host(host)
                .port(port)
                .teeDir(teeDir)
                .generateKeys(generateKeys)
                .join(join == null ? "" : join)
                .allowedWpMeasurements(allowedWpMeasurements)
                .samePlatform(samePlatform)
                .maxWps(maxWps)
                .restartWpAfter(restartWpAfter)
                .keyMigration(!noKeyMigration)
                .extKey(extKey)
                .rotationGraceSeconds(rotationGraceSeconds)
                .dedicatedRequester(dedicatedRequester)
                .requireRequesterSignature(requireRequesterSignature)
                .adminHost(child.admin.host)
                .adminPort(child.admin.port)
                .otlpEndpoint(child.otlpEndpoint())
                .exitWithParent(child.exitWithParent)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        WkmLaunchSpec spec = spec();
        return PoolChildOptions.run(spec.exitWithParent(), parts -> {
            // Its sealed pool keys are its own: two WKMs rotating one pool-keys.sealed would overwrite
            // each other's keys. Not --tee-dir: serve --pool shares its simulated TEE with its children
            // by design.
            try {
                parts.add(DataDirLock.acquire(spec.dataDir(), "camelot wkm"));
            } catch (DataDirLock.InUseException e) {
                throw UserError.runtime(e.getMessage(), e);
            }
            Clock clock = Clock.systemUTC();
            String measurement = Measurements.hex(Measurements.keyManager());
            SimulatedTee tee = SimulatedTee.open(
                    spec.teeDir() != null ? spec.teeDir() : spec.dataDir().resolve("tee"),
                    Measurements.keyManager(),
                    clock);
            List<String> allowed = spec.allowedWpMeasurements().isEmpty()
                    ? List.of(Measurements.hex(Measurements.processor(Workloads.load())))
                    : spec.allowedWpMeasurements();
            PoolPolicy policy = new PoolPolicy(
                    allowed,
                    spec.samePlatform(),
                    spec.maxWps(),
                    spec.restartWpAfter(),
                    spec.keyMigration(),
                    spec.extKey(),
                    Duration.ofSeconds(spec.rotationGraceSeconds()),
                    RequesterKeySetting.canonicalPem("--dedicated-requester", spec.dedicatedRequester()),
                    spec.requireRequesterSignature());
            KeyManager keyManager = new KeyManager(
                    tee,
                    measurement,
                    policy,
                    spec.dataDir().resolve("pool-keys.sealed"),
                    new ProofDataVerifier(),
                    clock,
                    spec.generateKeys());
            PeerSecurity security = parts.add(spec.peer().security(clock));
            WkmServer server = parts.add(WkmServer.start(keyManager, spec.host(), spec.port(), security));
            if (!spec.join().isEmpty()) {
                server.join(new RpcClient(spec.join(), Duration.ofSeconds(30), security));
            }
            System.out.println("WKM (TEE: SIMULATED, measurement "
                    + measurement
                    + ") serving the Key Management API on "
                    + server.url()
                    + (keyManager.hasKeys() ? "" : " (no pool keys yet: waiting for SetWorkerPrivateKeys)"));
            System.out.println("Admits WP measurements " + allowed);
            parts.add(startAdmin(child.admin, keyManager)).announce();
            return server.url();
        });
    }

    /** Metrics of the key manager; ready once the pool keys are unsealed here (or received). */
    static ProcessAdmin startAdmin(AdminOptions options, KeyManager keyManager) {
        var metrics = Telemetry.prometheus("wkm");
        PoolMetrics.bind(metrics, keyManager);
        return ProcessAdmin.start(
                options,
                "wkm",
                metrics,
                List.of(ReadinessCheck.of(
                        "pool-keys",
                        () -> keyManager.hasKeys()
                                ? Optional.empty()
                                : Optional.of("no pool keys yet: waiting for SetWorkerPrivateKeys"))));
    }
}
