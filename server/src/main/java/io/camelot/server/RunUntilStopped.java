package io.camelot.server;

import java.util.concurrent.CountDownLatch;

/** Keeps a long-running command alive until SIGTERM or Ctrl-C, then closes what it started. */
final class RunUntilStopped {
  private RunUntilStopped() {}

  static void await(AutoCloseable node) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("camelot-shutdown")
                .unstarted(
                    () -> {
                      System.err.println("camelot: shutting down");
                      try {
                        node.close();
                      } catch (Exception e) {
                        System.err.println("camelot: shutdown failed: " + e);
                      }
                      stopped.countDown();
                    }));
    stopped.await();
  }
}
