package io.camelot.server;

import io.camelot.server.config.WorkerSection;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Process plumbing shared by the long-running subcommands. */
final class Commands {
    private Commands() {}

    /**
     * For a child process: exits when its standard input reaches end of file, which happens when the
     * parent that holds the other end of the pipe dies, even by SIGKILL. No orphan outlives its pool.
     */
    static void exitWithParent() {
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // The parent writes nothing; anything read is ignored.
                }
            } catch (java.io.IOException e) {
                // A broken pipe means the parent is gone, as end of file does.
            }
            System.err.println("camelot: parent process gone; stopping");
            System.exit(0);
        });
    }

    /**
     * The start-up line naming the worker's TEE; {@code simulatedNote} follows the simulated TEE's
     * key directory.
     */
    static String teeLine(CamelotConfig config, String simulatedNote) {
        return config.worker().tee() == WorkerSection.TeeKind.GRAMINE
                ? "TEE: SGX under Gramine (DCAP quotes from /dev/attestation)"
                : "TEE: SIMULATED (no hardware; keys sealed under "
                        + Path.of(config.store().dataDir()).resolve("tee")
                        + simulatedNote
                        + ")";
    }

    /** Blocks until SIGTERM or Ctrl-C, then closes {@code service}. */
    static void runUntilStopped(AutoCloseable service) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("camelot-shutdown").unstarted(() -> {
                    System.err.println("camelot: shutting down");
                    try {
                        service.close();
                    } catch (Exception e) {
                        System.err.println("camelot: error while stopping: " + e);
                    }
                    stopped.countDown();
                }));
        stopped.await();
    }

    /** A URL without {@code scheme://} would otherwise fail deep in the HTTP client with a trace. */
    static void requireScheme(String option, String url) {
        if (!url.contains("://")) {
            throw UserError.usage(option + " " + url + " has no scheme; use http://" + url);
        }
    }

    /**
     * @throws UserError if {@code value} of {@code option} is no TCP port
     */
    static void requirePortNumber(String option, Integer value) {
        if (value != null && (value < 0 || value > 65535)) {
            throw UserError.usage(option + " " + value + " is not a port; use 0..65535 (0 picks a free one)");
        }
    }

    /**
     * Binds and releases {@code host:port}, so that a busy port is reported before anything is opened
     * or recovered. Port 0 always binds.
     *
     * @throws UserError naming the port and the option that moves it
     */
    static void requireFreePort(String option, String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            // As Vert.x does, so a port in TIME_WAIT after a restart counts as free.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw UserError.runtime(
                    "Address already in use".equals(e.getMessage())
                            ? "port " + port + " on " + host + " is in use; stop the other process or pass " + option
                            : "cannot listen on " + host + ":" + port + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw UserError.runtime("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** {@link #requireFreePort} for the admin port, when it is on. */
    static void requireFreeAdminPort(CamelotConfig config) {
        if (config.admin().enabled()) {
            requireFreePort(
                    "--admin-port", config.admin().host(), config.admin().port());
        }
    }

    /**
     * Creates {@code dir} if needed and checks that it is a writable directory.
     *
     * @throws UserError naming the directory and why it cannot be used
     */
    static void requireUsableDirectory(String option, Path dir) {
        String problem;
        try {
            Files.createDirectories(dir);
            problem = Files.isWritable(dir) ? null : "it is not writable";
        } catch (FileAlreadyExistsException e) {
            problem = "it is a file, not a directory";
        } catch (IOException e) {
            // The failing path may be a parent: name it.
            String failed = e instanceof FileSystemException fs ? fs.getFile() : null;
            problem = WireLogFile.reason(e)
                    + (failed != null && !failed.equals(dir.toString()) ? " (" + failed + ")" : "");
        }
        if (problem != null) {
            throw UserError.runtime("cannot use data directory " + dir + ": " + problem + "; fix it or pass " + option);
        }
    }
}
