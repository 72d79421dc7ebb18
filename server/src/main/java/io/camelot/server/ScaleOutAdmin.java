package io.camelot.server;

import io.camelot.ops.AdminServer;
import io.camelot.ops.ReadinessCheck;
import io.camelot.server.config.AdminSection;
import io.camelot.store.postgres.PostgresQueueTable;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.Optional;

/** The admin port of a {@code camelot listener} or {@code camelot worker} process. */
final class ScaleOutAdmin {
    private ScaleOutAdmin() {}

    /**
     * Starts the admin server, closed with {@code parts}, when {@code [admin]} enables it; ready
     * while PostgreSQL answers.
     */
    static AdminServer startIfEnabled(
            NodeAssembly parts,
            Vertx vertx,
            AdminSection settings,
            PrometheusMeterRegistry metrics,
            PostgresQueueTable queue) {
        if (!settings.enabled()) {
            return null;
        }
        AdminServer admin = parts.add(new AdminServer(vertx, settings.toSettings(), metrics));
        admin.addReadinessCheck(ReadinessCheck.of(
                "store", () -> queue.reachable() ? Optional.empty() : Optional.of("PostgreSQL does not answer")));
        admin.start();
        return admin;
    }
}
