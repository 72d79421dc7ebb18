package io.camelot.server;

import io.camelot.server.config.WorkerSection;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A worker process draining its work orders from the shared PostgreSQL queue. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = "Run a singleton worker (SIMULATED TEE unless configured) on the shared PostgreSQL store.")
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "TOML configuration file (see docs/scale-out.md)")
    Path configFile;

    @Option(names = "--name", description = "Worker name; its id is the SHA-256 of the name (default from the file)")
    String name;

    @Option(names = "--data-dir", description = "Local directory for this worker's sealed keys (default from the file)")
    Path dataDir;

    @Option(
            names = "--admin-port",
            description = "Admin port: /metrics, /health/live, /health/ready (default 9947; 0 picks one)")
    Integer adminPort;

    @Override
    public Integer call() throws InterruptedException {
        Commands.requirePortNumber("--admin-port", adminPort);
        CamelotConfig config =
                ScaleOutOverrides.apply(CamelotConfig.load(configFile), null, null, adminPort, name, dataDir);
        // Before the shared store is opened and work orders are claimed.
        Commands.requireFreeAdminPort(config);
        Commands.requireUsableDirectory("--data-dir", Path.of(config.store().dataDir()));
        WorkerNode node = WorkerNode.start(config);
        System.out.println("Camelot worker "
                + config.worker().name()
                + " id "
                + node.worker().workerId()
                + " draining the shared queue at "
                + config.store().url());
        System.out.println(
                config.worker().tee() == WorkerSection.TeeKind.GRAMINE
                        ? "TEE: SGX under Gramine (DCAP quotes from /dev/attestation)"
                        : "TEE: SIMULATED (no hardware; keys sealed under "
                                + Path.of(config.store().dataDir()).resolve("tee")
                                + ")");
        if (node.adminPort() >= 0) {
            String admin = "http://" + config.admin().host() + ":" + node.adminPort();
            System.out.println("Metrics " + admin + "/metrics  health " + admin + "/health/ready");
        }
        Commands.runUntilStopped(node);
        return 0;
    }
}
