package io.camelot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The one platform thread that runs every LMDB write transaction, committing the writes queued
 * meanwhile together (group commit).
 *
 * <p>LMDB's writer lock is a process-shared pthread mutex owned by the OS thread that began the
 * transaction, and only that thread may release it at commit or abort. A virtual thread can move to
 * another carrier in between (at any blocking call, e.g. logging or the caller's receipt-update
 * code), after which the unlock fails and every later writer hangs. Running writes here also keeps
 * callers' virtual threads from pinning carriers while they wait for the lock.
 *
 * <p>Each commit flushes to disk, which costs far more than the writes themselves. So the writer
 * takes every write queued while the previous commit was flushing, runs each in its own child
 * transaction of one parent (a write that fails is rolled back alone), and commits the parent once.
 * No caller returns before the commit that covers its write is durable.
 */
final class LmdbWriter implements AutoCloseable {
    private static final int MAX_BATCH = 256;

    private final Env<byte[]> env;
    private final CommitCounter commits;
    private final Function<LmdbException, RuntimeException> failure;
    private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
    private final Write<Void> stop = new Write<>(txn -> null);
    private final Thread thread;

    /**
     * @param failure turns an LMDB failure into the exception the caller sees
     */
    LmdbWriter(String name, Env<byte[]> env, CommitCounter commits, Function<LmdbException, RuntimeException> failure) {
        this.env = env;
        this.commits = commits;
        this.failure = failure;
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code work} in a write transaction on the writer thread and returns its result once
     * committed, or rethrows its exception (its writes then rolled back).
     */
    <R> R write(Function<Txn<byte[]>, R> work) {
        Write<R> write = new Write<>(work);
        queue.add(write);
        return write.await();
    }

    private void run() {
        List<Write<?>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(stop);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
    }

    private void commit(List<Write<?>> batch) {
        try (Txn<byte[]> parent = env.txnWrite()) {
            for (Write<?> write : batch) {
                write.runIn(parent);
            }
            commits.commit(parent);
        } catch (LmdbException e) {
            RuntimeException lost = failure.apply(e);
            batch.forEach(write -> write.failIfDone(lost));
        } catch (RuntimeException | Error e) {
            batch.forEach(write -> write.failIfDone(e));
        }
        batch.forEach(Write::release);
    }

    /** Finishes the writes already queued, then stops the thread. */
    @Override
    public void close() {
        queue.add(stop);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One caller's write: its work, and its outcome once the batch it joined has committed. */
    private final class Write<R> {
        private final Function<Txn<byte[]>, R> work;
        private final CompletableFuture<R> outcome = new CompletableFuture<>();
        private R result;
        private Throwable error;

        Write(Function<Txn<byte[]>, R> work) {
            this.work = work;
        }

        void runIn(Txn<byte[]> parent) {
            try (Txn<byte[]> child = env.txn(parent)) {
                result = work.apply(child);
                child.commit();
            } catch (LmdbException e) {
                error = failure.apply(e);
            } catch (RuntimeException e) {
                error = e;
            }
        }

        /** The batch did not commit: a write that had succeeded is lost with it. */
        void failIfDone(Throwable cause) {
            if (error == null) {
                error = cause;
            }
        }

        void release() {
            if (error == null) {
                outcome.complete(result);
            } else {
                outcome.completeExceptionally(error);
            }
        }

        R await() {
            boolean interrupted = false;
            try {
                // Not interruptible: once queued the write may commit, and the caller must learn that.
                while (true) {
                    try {
                        return outcome.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        throw rethrown(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new StoreException("write transaction failed", cause);
    }
}
