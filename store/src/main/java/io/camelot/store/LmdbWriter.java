package io.camelot.store;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The one platform thread that runs every LMDB write transaction.
 *
 * <p>LMDB's writer lock is a process-shared pthread mutex owned by the OS thread that began the
 * transaction, and only that thread may release it at commit or abort. A virtual thread can move
 * to another carrier in between (at any blocking call, e.g. logging or the caller's receipt-update
 * code), after which the unlock fails and every later writer hangs. Running writes here also keeps
 * callers' virtual threads from pinning carriers while they wait for the lock.
 */
final class LmdbWriter implements AutoCloseable {

  private final ExecutorService executor;
  private volatile Thread thread;

  LmdbWriter(String name) {
    this.executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread writer = Thread.ofPlatform().name(name).daemon(true).unstarted(task);
              thread = writer;
              return writer;
            });
  }

  boolean isWriterThread() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code work} on the writer thread and returns its result or rethrows its exception. */
  <R> R call(Supplier<R> work) {
    Future<R> result = executor.submit(work::get);
    boolean interrupted = false;
    try {
      // Not interruptible: once queued the transaction may commit, and the caller must learn that.
      while (true) {
        try {
          return result.get();
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

  private static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new StoreException("write transaction failed", cause);
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
