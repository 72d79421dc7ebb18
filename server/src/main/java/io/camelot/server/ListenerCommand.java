package io.camelot.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A stateless listener over the shared PostgreSQL store; run as many as the load needs. */
@Command(
        name = "listener",
        mixinStandardHelpOptions = true,
        description =
                "Run a stateless JSON-RPC listener on the shared PostgreSQL store ([store] backend = \"postgres\").")
final class ListenerCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "TOML configuration file (see docs/scale-out.md)")
    Path configFile;

    @Option(names = "--port", description = "Listener port (default from the file, else 1947)")
    Integer port;

    @Option(names = "--host", description = "Listener interface (default from the file, else 127.0.0.1)")
    String host;

    @Option(
            names = "--admin-port",
            description = "Admin port: /metrics, /health/live, /health/ready (default 9947; 0 picks one)")
    Integer adminPort;

    @Override
    public Integer call() throws InterruptedException {
        Commands.requirePortNumber("--port", port);
        Commands.requirePortNumber("--admin-port", adminPort);
        CamelotConfig config =
                ScaleOutOverrides.apply(CamelotConfig.load(configFile), host, port, adminPort, null, null);
        // Before the shared store is opened.
        Commands.requireFreePort(
                "--port", config.listener().host(), config.listener().port());
        Commands.requireFreeAdminPort(config);
        ListenerNode node = ListenerNode.start(config);
        System.out.println("Camelot listener on http://"
                + config.listener().host()
                + ":"
                + node.port()
                + " sharing the store at "
                + config.store().url());
        if (node.adminPort() >= 0) {
            String admin = "http://" + config.admin().host() + ":" + node.adminPort();
            System.out.println("Metrics " + admin + "/metrics  health " + admin + "/health/ready");
        }
        Commands.runUntilStopped(node);
        return 0;
    }
}
