package io.camelot.pool.wp;

import io.camelot.pool.InternalServer;
import io.camelot.pool.PeerSecurity;
import java.util.List;

/** A WP process's endpoint: ProcessWorkOrder over JSON-RPC. */
public final class WpServer implements AutoCloseable {
    private final InternalServer server;

    private WpServer(InternalServer server) {
        this.server = server;
    }

    public static WpServer start(WpRuntime runtime, String host, int port, PeerSecurity security) {
        return new WpServer(InternalServer.start(host, port, List.of(new ProcessWorkOrder(runtime)), security));
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
