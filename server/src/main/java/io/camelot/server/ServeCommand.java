package io.camelot.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

  @Override
  public Integer call() throws InterruptedException {
    CamelotConfig config = configFile != null ? CamelotConfig.load(configFile) : CamelotConfig.defaults();
    config = withOverrides(config);
    TcsNode node = TcsNode.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("camelot-shutdown")
                .unstarted(
                    () -> {
                      System.err.println("camelot: shutting down");
                      node.close();
                      stopped.countDown();
                    }));
    String url = node.url(config.listener().host());
    System.out.println("Camelot TCS listening on " + url + (config.listener().syncMode() ? " (sync mode)" : ""));
    System.out.println("Worker " + config.worker().name() + " id " + node.worker().workerId());
    System.out.println(
        CamelotConfig.Worker.GRAMINE.equals(config.worker().tee())
            ? "TEE: SGX under Gramine (DCAP quotes from /dev/attestation)"
            : "TEE: SIMULATED (no hardware; keys sealed under " + Path.of(config.store().dataDir()).resolve("tee")
                + "; requesters must allow simulation)");
    System.out.println("Data directory: " + Path.of(config.store().dataDir()).toAbsolutePath());
    System.out.println("Try it: ./camelot submit --url " + url + " --workload echo-result \"Hello\"");
    stopped.await();
    return 0;
  }

  private CamelotConfig withOverrides(CamelotConfig c) {
    CamelotConfig.Listener l = c.listener();
    CamelotConfig.Listener listener =
        new CamelotConfig.Listener(
            host != null ? host : l.host(),
            port != null ? port : l.port(),
            l.maxBodyBytes(),
            sync || l.syncMode(),
            l.syncWaitCapMs(),
            l.operatorMethods());
    CamelotConfig.Store store =
        dataDir != null ? new CamelotConfig.Store(dataDir.toString(), c.store().mapSizeMb()) : c.store();
    return new CamelotConfig(listener, store, c.queue(), c.worker(), c.crypto(), c.security());
  }
}
