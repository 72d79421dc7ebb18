package io.camelot.server;

import java.nio.file.Path;
import java.util.List;

/**
 * Configurations for nodes started by tests: the listener on a free loopback port, the store in a
 * test's temporary directory, no admin port unless asked for. Everything else is the default.
 */
final class TestConfigs {
  private TestConfigs() {}

  /** A node on loopback ephemeral ports whose data directory is {@code dataDir}. */
  static Builder loopback(Path dataDir) {
    return new Builder(dataDir);
  }

  static final class Builder {
    private final CamelotConfig defaults = CamelotConfig.defaults();
    private final Path dataDir;
    private boolean syncMode;
    private boolean operatorMethods;
    private List<String> notifyHosts = List.of();
    private int workerConcurrency = defaults.worker().concurrency();
    private List<String> keyEncryption = defaults.worker().keyEncryption();
    private CamelotConfig.Crypto crypto = defaults.crypto();
    private CamelotConfig.Workloads workloads = defaults.workloads();
    private CamelotConfig.Pool pool = defaults.pool();
    private CamelotConfig.Security security = defaults.security();
    private CamelotConfig.Logging logging = defaults.logging();
    private boolean admin;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    Builder syncMode(boolean on) {
      syncMode = on;
      return this;
    }

    /** Operator methods on; with no operator keys, they answer loopback callers. */
    Builder operatorMethods() {
      operatorMethods = true;
      return this;
    }

    Builder notifyHosts(List<String> hosts) {
      notifyHosts = hosts;
      return this;
    }

    /** The worker runs this many work orders at once (the default is one per core). */
    Builder workerConcurrency(int concurrency) {
      workerConcurrency = concurrency;
      return this;
    }

    Builder keyEncryption(List<String> names) {
      keyEncryption = names;
      return this;
    }

    Builder crypto(CamelotConfig.Crypto provider) {
      crypto = provider;
      return this;
    }

    Builder workloads(CamelotConfig.Workloads runtime) {
      workloads = runtime;
      return this;
    }

    Builder pool(CamelotConfig.Pool workerPool) {
      pool = workerPool;
      return this;
    }

    Builder security(CamelotConfig.Security listenerSecurity) {
      security = listenerSecurity;
      return this;
    }

    Builder otlpEndpoint(String endpoint) {
      logging = logging.withOtlpEndpoint(endpoint);
      return this;
    }

    /** The admin port on a free loopback port. */
    Builder admin() {
      admin = true;
      return this;
    }

    CamelotConfig build() {
      CamelotConfig.Worker w = defaults.worker();
      CamelotConfig config =
          new CamelotConfig(
                  new CamelotConfig.Listener("127.0.0.1", 0, 1 << 20, syncMode, 9000, operatorMethods, notifyHosts),
                  new CamelotConfig.Store(dataDir.toString(), 256),
                  defaults.queue(),
                  new CamelotConfig.Worker(
                      w.name(), w.organizationId(), w.applicationTypeId(), workerConcurrency, w.tee(), w.collateralDir(),
                      keyEncryption),
                  crypto)
              .withWorkloads(workloads)
              .withPool(pool)
              .withSecurity(security)
              .withLogging(logging);
      return admin ? config.withAdmin(new CamelotConfig.Admin(true, "127.0.0.1", 0)) : config;
    }
  }
}
