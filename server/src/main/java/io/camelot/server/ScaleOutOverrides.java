package io.camelot.server;

import io.camelot.server.config.ListenerSection;
import java.nio.file.Path;

/**
 * Command-line overrides of the serve, listener and worker commands; null means "keep the file's
 * value".
 */
final class ScaleOutOverrides {
    private ScaleOutOverrides() {}

    static CamelotConfig apply(
            CamelotConfig c, String host, Integer port, Integer adminPort, String workerName, Path dataDir) {
        ListenerSection l = c.listener();
        return c.toBuilder()
                .listener(l.toBuilder()
                        .host(host != null ? host : l.host())
                        .port(port != null ? port : l.port())
                        .build())
                .worker(
                        workerName != null
                                ? c.worker().toBuilder().name(workerName).build()
                                : c.worker())
                .store(dataDir != null ? c.store().withDataDir(dataDir.toString()) : c.store())
                .admin(adminPort != null ? c.admin().withPort(adminPort) : c.admin())
                .build();
    }
}
