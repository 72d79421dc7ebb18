package io.camelot.server;

import io.camelot.attestation.SimulatedTee;
import io.camelot.ops.ReadinessCheck;
import io.camelot.ops.Telemetry;
import io.camelot.pool.Measurements;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.RpcClient;
import io.camelot.pool.manager.WpLaunchSpec;
import io.camelot.pool.wp.WpRegistration;
import io.camelot.pool.wp.WpRuntime;
import io.camelot.pool.wp.WpServer;
import io.camelot.worker.Workloads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one Workorder Processor of a pool until stopped. */
@Command(
        name = "wp",
        mixinStandardHelpOptions = true,
        description = "Run a Workorder Processor: runs a pool's work orders without its private keys (SIMULATED TEE).")
final class WpCommand implements Callable<Integer> {

    @Option(
            names = "--manager",
            required = true,
            description = "Worker Manager (or WKM) URL whose Redirect names the WKM")
    String manager;

    @Option(names = "--host", description = "Interface to bind (default ${DEFAULT-VALUE})")
    String host = WpLaunchSpec.DEFAULT_HOST;

    @Option(names = "--port", description = "Port (default ${DEFAULT-VALUE}: any free port)")
    int port;

    @Option(names = "--tee-dir", required = true, description = "Simulated TEE directory")
    Path teeDir;

    @Option(
            names = "--restart-after",
            description = "Restart the TEE identity after this many work orders (default ${DEFAULT-VALUE}: never)")
    int restartAfter;

    @Option(names = "--dedicated-requester", description = "Serve only this requester id")
    String dedicatedRequester = "";

    @Option(
            names = "--simulated-measurement",
            description =
                    "SIMULATION only: report this measurement (hex) instead of this build's, as a WP built from other code would")
    String simulatedMeasurement;

    @Option(
            names = "--register",
            description =
                    "Register with the --manager Worker Manager once serving; on SIGTERM deregister, drain and exit")
    boolean register;

    @Option(
            names = "--slots",
            description = "Work orders this WP runs at once, offered when it registers (default ${DEFAULT-VALUE})")
    int slots = WpLaunchSpec.DEFAULT_SLOTS;

    @Option(
            names = "--advertise-host",
            description =
                    "Host the Worker Manager reaches this WP on, when it differs from --host (e.g. a pod IP with --host 0.0.0.0)")
    String advertiseHost;

    @Mixin
    PoolChildOptions child = new PoolChildOptions();

    /** These options, typed: the inverse of {@link WpLaunchSpec#toArgs()}. */
    WpLaunchSpec spec() {
        return WpLaunchSpec.builder(manager, teeDir, child.peer.files())
                .host(host)
                .port(port)
                .advertiseHost(advertiseHost == null ? "" : advertiseHost)
                .restartAfter(restartAfter)
                .dedicatedRequester(dedicatedRequester)
                .simulatedMeasurement(simulatedMeasurement == null ? "" : simulatedMeasurement)
                .register(register)
                .slots(slots)
                .adminHost(child.admin.host)
                .adminPort(child.admin.port)
                .otlpEndpoint(child.otlpEndpoint())
                .exitWithParent(child.exitWithParent)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        WpLaunchSpec spec = spec();
        return PoolChildOptions.run(spec.exitWithParent(), parts -> {
            Workloads workloads = Workloads.load();
            byte[] measurement = spec.simulatedMeasurement().isEmpty()
                    ? Measurements.processor(workloads)
                    : HexFormat.of().parseHex(spec.simulatedMeasurement());
            Clock clock = Clock.systemUTC();
            SimulatedTee tee = SimulatedTee.open(spec.teeDir(), measurement, clock);
            // Closed after the parts below: the WP deregisters through its client when stopping.
            PeerSecurity security = parts.add(spec.peer().security(clock));
            Duration timeout = Duration.ofSeconds(30);
            WpRuntime runtime = new WpRuntime(
                    tee,
                    workloads,
                    new RpcClient(spec.manager(), timeout, security),
                    spec.dedicatedRequester(),
                    spec.restartAfter());
            WpServer server = parts.add(WpServer.start(runtime, spec.host(), spec.port(), security));
            String url = spec.advertiseHost().isEmpty()
                    ? server.url()
                    : java.net.URI.create(server.url()).getScheme()
                            + "://"
                            + spec.advertiseHost()
                            + ":"
                            + server.port();
            System.out.println("WP (TEE: SIMULATED, measurement "
                    + HexFormat.of().formatHex(measurement)
                    + ") on "
                    + url
                    + ", key manager via "
                    + spec.manager());
            parts.add(startAdmin(child.admin, runtime)).announce();
            if (spec.register()) {
                // Closed first, so stopping deregisters and drains: the server closes once its
                // in-flight work orders are done.
                parts.add(WpRegistration.register(
                        new RpcClient(spec.manager(), timeout, security),
                        url,
                        spec.slots(),
                        spec.dedicatedRequester(),
                        HexFormat.of().formatHex(measurement)));
            }
            return url;
        });
    }

    /**
     * Ready while its key manager serves it: a WP that was refused or found no WKM for its last work
     * order is not, until one goes through. Known from the last work order, so a probe costs no call.
     */
    static ProcessAdmin startAdmin(AdminOptions options, WpRuntime runtime) {
        return ProcessAdmin.start(
                options,
                "wp",
                Telemetry.prometheus("wp"),
                List.of(ReadinessCheck.of("key-manager", runtime::keyManagerProblem)));
    }
}
