package io.camelot.server;

import io.camelot.worker.WorkerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs listener, store, queue and a singleton worker in one process until SIGTERM or Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run a TCS: listener + store + queue + singleton worker (SIMULATED TEE unless configured).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "TOML configuration file (see docs/configuration.md)")
    Path configFile;

    @Option(names = "--port", description = "Listener port (default 1947)")
    Integer port;

    @Option(names = "--host", description = "Listener interface (default 127.0.0.1)")
    String host;

    @Option(names = "--data-dir", description = "Data directory (default ./camelot-data)")
    Path dataDir;

    @Option(names = "--sync", description = "Answer WorkOrderSubmit with the result when ready")
    boolean sync;

    @Option(names = "--admin-port", description = "Admin port: metrics, health, dashboard (default 9947; 0 picks one)")
    Integer adminPort;

    @Option(
            names = "--otlp-endpoint",
            description = "OTLP/HTTP endpoint to export work-order spans to (default: [logging] otlp_endpoint)")
    String otlpEndpoint;

    @Option(
            names = "--pool",
            description = "Also run a worker pool of this many WP processes and [pool] key_managers WKM processes")
    Integer poolProcessors;

    @Override
    public Integer call() throws InterruptedException {
        Commands.requirePortNumber("--port", port);
        Commands.requirePortNumber("--admin-port", adminPort);
        CamelotConfig config = configFile != null ? CamelotConfig.load(configFile) : CamelotConfig.defaults();
        config = withOverrides(config);
        StoreFactory.requireLocal(config.store());
        // Before the store opens and work orders are recovered: a mistake here then costs nothing.
        Commands.requireFreePort(
                "--port", config.listener().host(), config.listener().port());
        Commands.requireFreeAdminPort(config);
        Commands.requireUsableDirectory("--data-dir", Path.of(config.store().dataDir()));
        LoggingSetup.apply(config.logging());
        TcsNode node;
        try {
            node = TcsNode.start(config);
        } catch (DataDirLock.InUseException e) {
            // An operator's mistake, not a fault: one line saying who holds it, no stack trace.
            throw UserError.runtime(e.getMessage(), e);
        }
        String url = node.url(config.listener().host());
        System.out.println(
                "Camelot TCS listening on " + url + (config.listener().syncMode() ? " (sync mode)" : ""));
        System.out.println(
                "Worker " + config.worker().name() + " id " + node.worker().workerId());
        System.out.println(Commands.teeLine(config, "; requesters must allow simulation"));
        node.adminUrl(config.admin().host())
                .ifPresent(admin -> System.out.println(
                        "Dashboard " + admin + "/  metrics " + admin + "/metrics  health " + admin + "/health/ready"));
        if (node.pool() != null) {
            System.out.println("Worker pool "
                    + config.pool().name()
                    + " id "
                    + WorkerConfig.idOf(config.pool().name())
                    + ": "
                    + (config.pool().keyManagerUrls().isEmpty()
                            ? node.pool().keyManagers().size() + " WKM(s), "
                            : config.pool().keyManagerUrls().size() + " external WKM(s), ")
                    + (config.pool().elastic()
                            ? config.pool().processors()
                                    + " to "
                                    + config.pool().maxProcessors()
                                    + " elastic WP(s) ("
                                    + config.pool().launcher()
                                    + ")"
                            : node.pool().processors().size() + " WP(s)")
                    + " (TEE: SIMULATED), Worker Manager at "
                    + node.pool().manager().url());
            for (var child : node.pool().children()) {
                child.adminUrl()
                        .ifPresent(admin -> System.out.println("  "
                                + child.name()
                                + " metrics "
                                + admin
                                + "/metrics  health "
                                + admin
                                + "/health/ready"));
            }
        }
        System.out.println(
                "Data directory: " + Path.of(config.store().dataDir()).toAbsolutePath());
        System.out.println("Try it: ./camelot submit --url " + url + " --workload echo-result \"Hello\"");
        Commands.runUntilStopped(node);
        return 0;
    }

    private CamelotConfig withOverrides(CamelotConfig file) {
        CamelotConfig c = ScaleOutOverrides.apply(file, host, port, adminPort, null, dataDir);
        return c.toBuilder()
                .listener(c.listener().toBuilder()
                        .syncMode(sync || c.listener().syncMode())
                        .build())
                .pool(
                        poolProcessors != null
                                ? c.pool().toBuilder()
                                        .processors(poolProcessors)
                                        .build()
                                : c.pool())
                .logging(otlpEndpoint != null ? c.logging().withOtlpEndpoint(otlpEndpoint) : c.logging())
                .build();
    }
}
