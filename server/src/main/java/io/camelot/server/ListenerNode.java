package io.camelot.server;

import io.camelot.jsonrpc.RpcServer;
import io.camelot.listener.DirectModel;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.WorkerKeyRotation;
import io.camelot.store.postgres.SharedWorkOrderQueue;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A stateless listener process ({@code camelot listener}): the direct-model JSON-RPC API over the
 * shared PostgreSQL store. It keeps nothing of its own, so any number of them can run behind a load
 * balancer; worker processes ({@link WorkerNode}) do the work.
 */
public final class ListenerNode extends SharedStoreNode {
    private final RpcServer listener;

    private ListenerNode(CamelotConfig config, NodeAssembly parts) {
        super(config, parts, "listener");
        // The queue (its LISTEN connection, its purge) closes once the listener takes no more work
        // orders.
        SharedWorkOrderQueue queue =
                parts.add(new SharedWorkOrderQueue(table, config.queue().toSettings(), Clock.systemUTC(), metrics));
        ListenerConfig listenerConfig =
                config.listenerConfig(Path.of(config.store().dataDir()), Clock.systemUTC());
        listener = parts.add(DirectModel.server(vertx, listenerConfig, store, queue, WorkerKeyRotation.NONE, metrics));
        listener.start();
        startAdmin(config.admin());
    }

    public static ListenerNode start(CamelotConfig config) {
        return assemble(config, ListenerNode::new);
    }

    public int port() {
        return listener.port();
    }
}
