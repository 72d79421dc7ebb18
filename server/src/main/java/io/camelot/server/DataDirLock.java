package io.camelot.server;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One owner per data directory: an exclusive OS lock on {@code <dir>/camelot.lock}, held for the
 * life of the process that keeps its store, sealed keys or pool state there. The lock is what
 * counts, not the file: the OS drops it when the holder exits, even by SIGKILL, so a file left
 * behind never blocks a start. The file only names the holder for a second process's message.
 */
public final class DataDirLock implements AutoCloseable {
    static final String FILE = "camelot.lock";

    /**
     * Directories locked by this JVM, with their holder details. Checked before opening the file: the
     * OS lock is per process, and closing any other descriptor of the file would silently release it.
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path dir;
    private final FileChannel channel;

    private DataDirLock(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /**
     * Locks {@code dir} (created if missing) for this process, run as {@code command}.
     *
     * @throws InUseException if another process, or another owner in this one, holds it
     */
    public static DataDirLock acquire(Path dir, String command) {
        Path real;
        try {
            Files.createDirectories(dir);
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock data directory " + dir.toAbsolutePath(), e);
        }
        String details = "pid="
                + ProcessHandle.current().pid()
                + "\ncommand="
                + command
                + "\nsince="
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\n";
        String heldHere = HELD.putIfAbsent(real, details);
        if (heldHere != null) {
            throw new InUseException(dir, heldHere);
        }
        Path file = real.resolve(FILE);
        FileChannel channel = null;
        try {
            // No TRUNCATE: the holder's details must survive until this process has the lock.
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                throw new InUseException(dir, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(details.getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirLock(real, channel);
        } catch (IOException e) {
            forget(real, channel);
            throw new UncheckedIOException("cannot lock data directory " + dir.toAbsolutePath(), e);
        } catch (RuntimeException e) {
            forget(real, channel);
            throw e;
        }
    }

    private static void forget(Path dir, FileChannel channel) {
        HELD.remove(dir);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing more to undo: a failed close still frees the descriptor and any lock on it.
            }
        }
    }

    /** Releases the lock; the file stays, harmless. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            HELD.remove(dir);
        }
    }

    /** Another process owns the data directory; the message says which and what to do. */
    public static final class InUseException extends RuntimeException {
        InUseException(Path dir, String holderDetails) {
            super("data directory "
                    + dir.toAbsolutePath()
                    + " is in use by "
                    + holder(holderDetails)
                    + "; stop it or use another --data-dir");
        }

        /**
         * "pid 1234 (camelot serve, since ...)", or "another process" while the holder is still writing
         * it.
         */
        private static String holder(String details) {
            Properties holder = new Properties();
            try {
                holder.load(new StringReader(details));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String pid = holder.getProperty("pid");
            return pid == null
                    ? "another process"
                    : "pid "
                            + pid
                            + " ("
                            + holder.getProperty("command", "?")
                            + ", since "
                            + holder.getProperty("since", "?")
                            + ")";
        }
    }
}
