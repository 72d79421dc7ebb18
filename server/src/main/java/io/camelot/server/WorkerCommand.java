package io.camelot.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A worker process draining its work orders from the shared PostgreSQL queue. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = "Run a singleton worker (SIMULATED TEE unless configured) on the shared PostgreSQL store.")
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    ScaleOutOptions options = new ScaleOutOptions();

    @Option(names = "--name", description = "Worker name; its id is the SHA-256 of the name (default from the file)")
    String name;

    @Option(names = "--data-dir", description = "Local directory for this worker's sealed keys (default from the file)")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        CamelotConfig config = options.load(null, null, name, dataDir);
        // Before the shared store is opened and work orders are claimed.
        Commands.requireFreeAdminPort(config);
        Commands.requireUsableDirectory("--data-dir", Path.of(config.store().dataDir()));
        WorkerNode node = WorkerNode.start(config);
        System.out.println("Camelot worker "
                + config.worker().name()
                + " id "
                + node.worker().workerId()
                + " draining the shared queue at "
                + config.store().url());
        System.out.println(Commands.teeLine(config, ""));
        return ScaleOutOptions.runUntilStopped(node, config);
    }
}
