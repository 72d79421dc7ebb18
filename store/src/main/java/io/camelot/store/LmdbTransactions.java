package io.camelot.store;

import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The transactions of one LMDB store: reads on the caller's thread in their own read transaction
 * ({@code MDB_NOTLS}, so virtual threads are fine), seeing only whole, published commits ({@link
 * CommitCounter}); writes one at a time on the {@link LmdbWriter} thread. None runs once the store
 * is closed.
 */
final class LmdbTransactions {
    private final Path dataDir;
    private final Env<byte[]> env;
    private final CommitCounter commits = new CommitCounter();
    private final LmdbWriter writer;

    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    LmdbTransactions(Path dataDir, Env<byte[]> env) {
        this.dataDir = dataDir;
        this.env = env;
        this.writer = new LmdbWriter("lmdb-writer " + dataDir.getFileName(), env, commits, this::failure);
    }

    <R> R read(Function<Txn<byte[]>, R> work) {
        return guarded(() -> {
            try (Txn<byte[]> txn = beginRead()) {
                return work.apply(txn);
            } catch (LmdbException e) {
                throw failure(e);
            }
        });
    }

    /**
     * Begins a read transaction, again if two commits raced its begin (see {@link CommitCounter}).
     */
    private Txn<byte[]> beginRead() {
        while (true) {
            long finishedBefore = commits.finished();
            Txn<byte[]> txn = env.txnRead();
            if (commits.beganSafely(finishedBefore)) {
                return txn;
            }
            txn.close();
        }
    }

    /** Runs {@code work} in one write transaction, committed if it returns, aborted if it throws. */
    <R> R write(Function<Txn<byte[]>, R> work) {
        return guarded(() -> writer.write(work));
    }

    void update(Consumer<Txn<byte[]>> work) {
        write(txn -> {
            work.accept(txn);
            return null;
        });
    }

    // Every operation holds the read side of the lifecycle lock so that close() waits for it:
    // closing the LMDB environment under a live transaction would crash the JVM. tryLock() fails fast
    // while close() runs instead of queueing behind it.
    private <R> R guarded(Supplier<R> operation) {
        if (writer.isWriterThread()) {
            throw new IllegalStateException("the store must not be called from inside a ReceiptUpdateFactory");
        }
        if (!lifecycle.readLock().tryLock()) {
            throw closedException();
        }
        try {
            if (closed) {
                throw closedException();
            }
            return operation.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Once the running operations are done, stops the writer, closes the environment and runs {@code
     * released}; does nothing if already closed.
     */
    void close(Runnable released) {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writer.close();
            env.close();
            released.run();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("the store in " + dataDir + " is closed");
    }

    StoreException failure(LmdbException e) {
        if (e instanceof Env.MapFullException) {
            return new StoreException(
                    "store is full: raise the map size (now " + env.info().mapSize + " bytes) of " + dataDir, e);
        }
        return new StoreException("LMDB failed in " + dataDir + ": " + e.getMessage(), e);
    }
}
