package io.camelot.server;

import java.nio.file.Path;

/** Command-line overrides of the listener and worker commands; null means "keep the file's value". */
final class ScaleOutOverrides {
  private ScaleOutOverrides() {}

  static CamelotConfig apply(
      CamelotConfig c, String host, Integer port, Integer adminPort, String workerName, Path dataDir) {
    CamelotConfig.Listener l = c.listener();
    CamelotConfig.Listener listener =
        new CamelotConfig.Listener(
            host != null ? host : l.host(), port != null ? port : l.port(), l.maxBodyBytes(), l.syncMode(),
            l.syncWaitCapMs(), l.operatorMethods(), l.notifyHosts());
    CamelotConfig.Worker w = c.worker();
    CamelotConfig.Worker worker =
        new CamelotConfig.Worker(
            workerName != null ? workerName : w.name(), w.organizationId(), w.applicationTypeId(), w.concurrency(),
            w.tee(), w.collateralDir(), w.keyEncryption(), w.requireRequesterSignature());
    CamelotConfig.Store store = dataDir != null ? c.store().withDataDir(dataDir.toString()) : c.store();
    CamelotConfig.Admin admin =
        adminPort != null ? new CamelotConfig.Admin(c.admin().enabled(), c.admin().host(), adminPort) : c.admin();
    return new CamelotConfig(
        listener, store, c.queue(), worker, c.crypto(), c.workloads(), c.pool(), c.cluster(), c.security(), admin, c.logging());
  }
}
