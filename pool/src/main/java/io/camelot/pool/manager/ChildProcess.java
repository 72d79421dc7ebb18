package io.camelot.pool.manager;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A WKM or WP child process. It is ready when it prints {@value #READY} and its URL on a line of
 * its own; everything it prints goes to its log file.
 */
public final class ChildProcess implements AutoCloseable {
    /** The readiness line a child prints once it serves requests, followed by its URL. */
    public static final String READY = "CAMELOT-READY ";

    /**
     * The line a child with an admin port prints before {@value #READY}, followed by the admin URL.
     */
    public static final String ADMIN = "CAMELOT-ADMIN ";

    private final String name;
    private final Process process;
    private final String url;
    private final Path log;
    private final String adminUrl;

    private ChildProcess(String name, Process process, String url, Path log, String adminUrl) {
        this.name = name;
        this.process = process;
        this.url = url;
        this.log = log;
        this.adminUrl = adminUrl;
    }

    /**
     * Starts the command and waits until it is ready.
     *
     * @throws IllegalStateException if it exits or stays silent for {@code timeout} first
     */
    public static ChildProcess start(String name, List<String> command, Path log, Duration timeout) {
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        AtomicReference<String> admin = new AtomicReference<>();
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> copyOutput(process, log, ready, admin));
        try {
            String url = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ChildProcess(name, process, url, log, admin.get());
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not become ready; see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    private static void copyOutput(
            Process process, Path log, CompletableFuture<String> ready, AtomicReference<String> admin) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(
                        log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(ADMIN)) {
                    admin.set(line.substring(ADMIN.length()).trim());
                }
                if (!ready.isDone() && line.startsWith(READY)) {
                    ready.complete(line.substring(READY.length()).trim());
                }
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the process exited before it was ready"));
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    /** The child's admin URL (metrics, health), when it reported one before it was ready. */
    public Optional<String> adminUrl() {
        return Optional.ofNullable(adminUrl);
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Kills the process at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** How long a child is given to start: JVM start, key generation, measurement. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
}
