package io.camelot.server;

import picocli.CommandLine.Option;

/**
 * The operations options of the processes configured by flags alone (wkm, wp, ethereum-bridge): the
 * admin port, by default any free port printed at start (several of them usually share a host), and
 * span export.
 */
final class AdminOptions {
    @Option(names = "--admin-host", description = "Interface of the admin port (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(
            names = "--admin-port",
            description =
                    "Admin port: /metrics, /health/live, /health/ready (default ${DEFAULT-VALUE}: any free port, printed at start)")
    int port;

    @Option(
            names = "--otlp-endpoint",
            description =
                    "OTLP/HTTP endpoint (e.g. http://127.0.0.1:4318) to export work-order spans to (default: none)")
    String otlpEndpoint;
}
