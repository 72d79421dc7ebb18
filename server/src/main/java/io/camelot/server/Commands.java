package io.camelot.server;

import java.util.concurrent.CountDownLatch;

/** Process plumbing shared by the long-running subcommands. */
final class Commands {
  private Commands() {}

  /** Blocks until SIGTERM or Ctrl-C, then closes {@code service}. */
  static void runUntilStopped(AutoCloseable service) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("camelot-shutdown")
                .unstarted(
                    () -> {
                      try {
                        service.close();
                      } catch (Exception e) {
                        System.err.println("camelot: error while stopping: " + e);
                      }
                      stopped.countDown();
                    }));
    stopped.await();
  }
}
