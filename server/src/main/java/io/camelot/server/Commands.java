package io.camelot.server;

import java.util.concurrent.CountDownLatch;

/** Process plumbing shared by the long-running subcommands. */
final class Commands {
  private Commands() {}

  /**
   * For a child process: exits when its standard input reaches end of file, which happens when the
   * parent that holds the other end of the pipe dies, even by SIGKILL. No orphan outlives its pool.
   */
  static void exitWithParent() {
    Thread.ofPlatform()
        .daemon()
        .name("parent-watch")
        .start(
            () -> {
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

  /** Blocks until SIGTERM or Ctrl-C, then closes {@code service}. */
  static void runUntilStopped(AutoCloseable service) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("camelot-shutdown")
                .unstarted(
                    () -> {
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
}
