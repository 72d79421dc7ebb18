package io.camelot.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A stateless listener over the shared PostgreSQL store; run as many as the load needs. */
@Command(
        name = "listener",
        mixinStandardHelpOptions = true,
        description =
                "Run a stateless JSON-RPC listener on the shared PostgreSQL store ([store] backend = \"postgres\").")
final class ListenerCommand implements Callable<Integer> {

    @Mixin
    ScaleOutOptions options = new ScaleOutOptions();

    @Option(names = "--port", description = "Listener port (default from the file, else 1947)")
    Integer port;

    @Option(names = "--host", description = "Listener interface (default from the file, else 127.0.0.1)")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        Commands.requirePortNumber("--port", port);
        CamelotConfig config = options.load(host, port, null, null);
        // Before the shared store is opened.
        Commands.requireFreePort(
                "--port", config.listener().host(), config.listener().port());
        Commands.requireFreeAdminPort(config);
        ListenerNode node = ListenerNode.start(config);
        System.out.println("Camelot listener on http://"
                + config.listener().host()
                + ":"
                + node.port()
                + " sharing the store at "
                + config.store().url());
        return ScaleOutOptions.runUntilStopped(node, config);
    }
}
