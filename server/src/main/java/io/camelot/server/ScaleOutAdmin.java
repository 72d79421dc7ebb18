package io.camelot.server;

import io.camelot.ops.AdminConfig;
import io.camelot.ops.AdminServer;
import io.camelot.ops.ReadinessCheck;
import io.camelot.server.config.AdminSection;
import io.camelot.store.postgres.PostgresTcsStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.Optional;

/** The admin port of a {@code camelot listener} or {@code camelot worker} process. */
final class ScaleOutAdmin {
  private ScaleOutAdmin() {}

  /** Starts the admin server when {@code [admin]} enables it; ready while PostgreSQL answers. */
  static AdminServer startIfEnabled(
      Vertx vertx, AdminSection settings, PrometheusMeterRegistry metrics, PostgresTcsStore store) {
    if (!settings.enabled()) {
      return null;
    }
    AdminServer admin = new AdminServer(vertx, new AdminConfig(true, settings.host(), settings.port()), metrics);
    admin.addReadinessCheck(
        ReadinessCheck.of(
            "store", () -> store.reachable() ? Optional.empty() : Optional.of("PostgreSQL does not answer")));
    admin.start();
    return admin;
  }
}
