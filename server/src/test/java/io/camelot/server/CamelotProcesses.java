package io.camelot.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code camelot} commands run as child JVMs on the test class path, as an operator runs them
 * ({@code @RegisterExtension}); those still running after a test are SIGKILLed.
 */
final class CamelotProcesses implements AfterEachCallback {
    private final List<Process> started = new ArrayList<>();

    /** The command line of {@code camelot args}. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CamelotCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code camelot serve} on this port and data directory, with {@code extraArgs}, to start. */
    static ProcessBuilder serveCommand(Path dataDir, int port, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString(),
                // Ephemeral: a fixed admin port would collide with any other Camelot process on the
                // host.
                "--admin-port",
                "0"));
        args.addAll(List.of(extraArgs));
        return new ProcessBuilder(command(args.toArray(String[]::new)));
    }

    /**
     * Starts {@link #serveCommand}; every run on the directory appends its output to one {@link
     * #serveLog}, for diagnosis.
     */
    Process serve(Path dataDir, int port, String... extraArgs) throws IOException {
        return start(serveCommand(dataDir, port, extraArgs)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(serveLog(dataDir).toFile())));
    }

    /** Starts the builder's process, to be killed after the test if it still runs. */
    Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** The log {@link #serve} keeps beside the data directory. */
    static Path serveLog(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        started.clear();
    }
}
