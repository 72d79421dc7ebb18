package io.camelot.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * The parts a process opened, closed newest first. A start that fails closes what it had opened
 * ({@link #start}); a part whose close throws does not keep the older ones open: every part is
 * closed and the first failure is reported with the later ones suppressed.
 */
final class NodeAssembly implements AutoCloseable {
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /**
     * An empty assembly, for a caller that closes it itself (try-with-resources); a node uses {@link
     * #start}.
     */
    NodeAssembly() {}

    /**
     * Runs {@code steps} on a new assembly. If a step throws, every part added so far is closed
     * (their failures suppressed in the thrown one) and the exception propagates.
     */
    static <T> T start(Function<NodeAssembly, T> steps) {
        NodeAssembly assembly = new NodeAssembly();
        try {
            return steps.apply(assembly);
        } catch (RuntimeException | Error e) {
            Throwable closing = assembly.closeAll();
            if (closing != null) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Adds {@code part}, to be closed before the parts added earlier. */
    <T extends AutoCloseable> T add(T part) {
        parts.push(part);
        return part;
    }

    /** Closes every part, newest first; closing again does nothing. */
    @Override
    public void close() {
        Throwable failure = closeAll();
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("closing failed: " + failure.getMessage(), failure);
        }
    }

    /** The first failure, with the later ones suppressed in it, or null. */
    private Throwable closeAll() {
        Throwable failure = null;
        for (AutoCloseable part = parts.poll(); part != null; part = parts.poll()) {
            try {
                part.close();
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
