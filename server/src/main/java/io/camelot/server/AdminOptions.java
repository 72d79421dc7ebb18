package io.camelot.server;

import picocli.CommandLine.Option;

/**
 * The admin port options of the processes configured by flags alone (wkm, wp, ethereum-bridge). They
 * default to any free port, printed at start: several of them usually share a host.
 */
final class AdminOptions {
  @Option(names = "--admin-host", description = "Interface of the admin port (default ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(
      names = "--admin-port",
      description = "Admin port: /metrics, /health/live, /health/ready (default ${DEFAULT-VALUE}: any free port, printed at start)")
  int port;
}
