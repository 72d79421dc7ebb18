package io.camelot.server;

import io.camelot.pool.manager.ChildProcess;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code camelot wkm} and {@code camelot wp} share: the options {@code serve --pool} gives each
 * of its children (admin port, peer security, {@code --exit-with-parent}) and how a child runs.
 */
final class PoolChildOptions {
    @Mixin
    AdminOptions admin = new AdminOptions();

    @Mixin
    PeerOptions peer;

    @Option(
            names = "--exit-with-parent",
            description = "Stop when standard input closes (set by serve --pool for its children)")
    boolean exitWithParent;

    /** The span export endpoint as the launch specs hold it: "" for none. */
    String otlpEndpoint() {
        return admin.otlpEndpoint == null ? "" : admin.otlpEndpoint;
    }

    /**
     * Runs a child until stopped, and also until its parent is gone if {@code exitWithParent}.
     * {@code steps} start its parts and return the URL it serves, which the READY line {@code serve
     * --pool} waits for announces.
     */
    static Integer run(boolean exitWithParent, Function<NodeAssembly, String> steps) throws InterruptedException {
        if (exitWithParent) {
            Commands.exitWithParent();
        }
        NodeAssembly process = NodeAssembly.start(parts -> {
            System.out.println(ChildProcess.READY + steps.apply(parts));
            return parts;
        });
        Commands.runUntilStopped(process);
        return 0;
    }
}
