package io.camelot.server;

import io.camelot.listener.CompletionNotifier;
import io.camelot.store.postgres.SharedQueueWorker;
import io.camelot.worker.SingletonWorker;
import java.time.Clock;
import java.time.Duration;

/**
 * A worker process ({@code camelot worker}): one singleton worker that registers in the shared
 * store's Worker Directory and drains its work orders from the shared queue. Its keys are sealed to
 * its TEE in its own local data directory (never on shared storage). Several processes may serve
 * different workers against one database; completions reach the listeners through the database.
 * Closing drains: running work orders finish, queued ones stay in the database for other processes.
 */
public final class WorkerNode extends SharedStoreNode {
    private final SingletonWorker worker;

    private WorkerNode(CamelotConfig config, NodeAssembly parts) {
        super(config, parts, "worker");
        worker =
                WorkerAssembly.create(config, store, Clock.systemUTC(), metrics).worker();
        // Work orders reach this process through the shared queue: the same hosts as the listeners'.
        CompletionNotifier notifier = parts.add(
                CompletionNotifier.withDefaults(vertx, config.listener().allowedNotifyHosts(), metrics));
        SharedQueueWorker drain = parts.add(new SharedQueueWorker(
                table,
                worker.workerId(),
                worker,
                config.worker().toSettings().concurrency(),
                Duration.ofMillis(config.cluster().leaseMs()),
                metrics));
        drain.addCompletionListener(notifier);
        drain.start();
        startAdmin(config.admin());
    }

    public static WorkerNode start(CamelotConfig config) {
        return assemble(config, WorkerNode::new);
    }

    public SingletonWorker worker() {
        return worker;
    }
}
