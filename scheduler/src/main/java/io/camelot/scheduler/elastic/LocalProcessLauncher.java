package io.camelot.scheduler.elastic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Worker instances as OS processes on this host: each runs the given command (typically {@code
 * camelot worker --config ... --name ...}), logs to {@code logDir/<instance>.log}, and is stopped
 * with SIGTERM, on which a Camelot worker drains before exiting.
 */
public final class LocalProcessLauncher implements WorkerLauncher {
    private final Function<String, List<String>> command;
    private final Path logDir;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();

    /**
     * @param command the command line for an instance name
     */
    public LocalProcessLauncher(Function<String, List<String>> command, Path logDir) {
        this.command = command;
        this.logDir = logDir;
    }

    @Override
    public void launch(String instanceName) {
        ProcessBuilder builder = new ProcessBuilder(command.apply(instanceName)).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(
                logDir.resolve(instanceName + ".log").toFile()));
        try {
            processes.put(instanceName, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker instance " + instanceName, e);
        }
    }

    @Override
    public void stop(String instanceName) {
        Process process = processes.get(instanceName);
        if (process != null) {
            process.destroy();
        }
    }

    @Override
    public Map<String, Boolean> instances() {
        Map<String, Boolean> view = new TreeMap<>();
        processes.forEach((name, process) -> view.put(name, process.isAlive()));
        return view;
    }

    @Override
    public void reap(String instanceName) {
        processes.remove(instanceName);
    }

    /** The process of an instance, for tests and diagnostics. */
    public Process process(String instanceName) {
        return processes.get(instanceName);
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }
}
