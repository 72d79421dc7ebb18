package io.camelot.server;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options {@code camelot listener} and {@code camelot worker} share: the configuration file,
 * which they need (it names the shared store), and the admin port.
 */
final class ScaleOutOptions {
    @Option(names = "--config", required = true, description = "TOML configuration file (see docs/scale-out.md)")
    Path configFile;

    @Option(
            names = "--admin-port",
            description = "Admin port: /metrics, /health/live, /health/ready (default 9947; 0 picks one)")
    Integer adminPort;

    /** The file with the command line's overrides; null keeps the file's value. */
    CamelotConfig load(String host, Integer port, String workerName, Path dataDir) {
        Commands.requirePortNumber("--admin-port", adminPort);
        return ScaleOutOverrides.apply(CamelotConfig.load(configFile), host, port, adminPort, workerName, dataDir);
    }

    /** Prints where to scrape the node, then runs it until SIGTERM or Ctrl-C. */
    static Integer runUntilStopped(SharedStoreNode node, CamelotConfig config) throws InterruptedException {
        if (node.adminPort() >= 0) {
            String admin = "http://" + config.admin().host() + ":" + node.adminPort();
            System.out.println("Metrics " + admin + "/metrics  health " + admin + "/health/ready");
        }
        Commands.runUntilStopped(node);
        return 0;
    }
}
