package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsException;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash harness: a real {@code camelot serve} child process under load from several SDK threads is
 * killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) at random moments, restarted on
 * the same data directory, and at the end every acknowledged work order must have exactly one
 * verified result, every acknowledged receipt must be there with at most one worker update, replays
 * must be refused, and the LMDB store must open cleanly after the last kill.
 *
 * <p>The workload is {@link SlowCounter}, whose counter is committed in the same transaction as
 * the result: a work order that ran twice, or a result lost while its state was kept, shows up as
 * a repeated or missing count.
 */
class CrashTest {
  static final int KILLS = 10;
  static final int SUBMITTERS = 3;

  @TempDir Path dataDir;
  Process server;

  @AfterEach
  void kill() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A work order whose submit returned "pending": the TCS promised to run it. */
  record Acknowledged(SubmittedWorkOrder order, boolean receipt) {}

  @Test
  void sigkillUnderLoadLosesNothingAcknowledgedAndRunsNothingTwice() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int port = RestartTest.freePort();
    RestartTest launcher = new RestartTest();
    launcher.dataDir = dataDir;

    List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    // Ids whose submit failed in transit: the TCS may or may not have stored them.
    Set<String> inDoubt = ConcurrentHashMap.newKeySet();
    AtomicBoolean loading = new AtomicBoolean(true);

    server = launcher.serve(port);
    try (DirectTcsClient client = DirectTcsClient.create("http://127.0.0.1:" + port)) {
      Requester requester =
          Requester.builder(client).requesterKey(Secp256k1.generate()).allowSimulation().build();
      VerifiedWorker worker = RestartTest.awaitWorker(requester);

      List<Thread> submitters = new ArrayList<>();
      for (int t = 0; t < SUBMITTERS; t++) {
        boolean withReceipts = t == 0;
        submitters.add(
            Thread.ofPlatform()
                .name("crash-submitter-" + t)
                .start(() -> submitUntilStopped(requester, worker, withReceipts, loading, acknowledged, inDoubt)));
      }

      for (int kill = 1; kill <= KILLS; kill++) {
        // Kill at a random moment once the node is serving and the submitters have had some answers.
        LockSupport.parkNanos(Duration.ofMillis(150 + random.nextInt(1200)).toNanos());
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("SIGKILL #%d took effect", kill).isTrue();
        server = launcher.serve(port);
        RestartTest.awaitWorker(requester);
      }
      loading.set(false);
      for (Thread submitter : submitters) {
        submitter.join(Duration.ofSeconds(60));
      }
      assertThat(acknowledged).as("acknowledged work orders (seed %d)", seed).hasSizeGreaterThan(KILLS);

      // Every acknowledged work order has one result that verifies, with a count of its own.
      Set<Long> counts = new HashSet<>();
      for (Acknowledged ack : acknowledged) {
        String text = ack.order().await(Duration.ofSeconds(120)).text(0);
        long count = Long.parseLong(text.substring("COUNT: ".length()));
        assertThat(counts.add(count)).as("count %d seen twice (seed %d)", count, seed).isTrue();
      }
      int storedInDoubt = 0;
      for (String id : inDoubt) {
        if (storedResult(client, id)) {
          storedInDoubt++;
        }
      }
      int ran = acknowledged.size() + storedInDoubt;
      assertThat(counts).as("counts of acknowledged work orders (seed %d)", seed).allMatch(c -> c >= 1 && c <= ran);
      // One more work order: the counter moved exactly once per stored work order, no more.
      String next = requester.newWorkOrder(worker, SlowCounter.NAME).input("add").submit().await().text(0);
      assertThat(next).as("runs before the last one (seed %d)", seed).isEqualTo("COUNT: " + (ran + 1));

      for (Acknowledged ack : acknowledged) {
        if (ack.receipt()) {
          checkReceipt(requester, worker, ack.order().workOrderId());
        }
      }
      // A replayed submit, byte for byte the request the TCS acknowledged, is refused and runs nothing.
      for (Acknowledged ack : acknowledged.subList(0, Math.min(5, acknowledged.size()))) {
        WorkOrderSubmitParams replay = ack.order().request();
        assertThatThrownBy(() -> client.workOrderSubmit(replay))
            .isInstanceOfSatisfying(
                TcsRpcException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code()));
      }
      String after = requester.newWorkOrder(worker, SlowCounter.NAME).input("add").submit().await().text(0);
      assertThat(after).isEqualTo("COUNT: " + (ran + 2));
      System.out.printf(
          "CrashTest seed %d: %d SIGKILLs, %d acknowledged work orders, %d of %d in doubt stored%n",
          seed, KILLS, acknowledged.size(), storedInDoubt, inDoubt.size());
    }

    // A last SIGKILL, then the store must open as is and hold every acknowledged work order, done.
    server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    try (LmdbTcsStore store = LmdbTcsStore.open(dataDir.resolve("store"))) {
      assertThat(store.pendingCount()).isZero();
      for (Acknowledged ack : acknowledged) {
        String id = ack.order().workOrderId();
        assertThat(store.workOrder(id)).hasValueSatisfying(
            info -> assertThat(info.status()).isEqualTo(TcsStore.Status.COMPLETED));
        assertThat(store.response(id)).isPresent();
        assertThat(store.request(id)).isPresent();
        if (ack.receipt()) {
          assertThat(store.receipt(id)).isPresent();
        }
      }
    }
  }

  private static void submitUntilStopped(
      Requester requester,
      VerifiedWorker worker,
      boolean withReceipts,
      AtomicBoolean loading,
      List<Acknowledged> acknowledged,
      Set<String> inDoubt) {
    while (loading.get()) {
      byte[] idBytes = new byte[32];
      ThreadLocalRandom.current().nextBytes(idBytes);
      String id = HexFormat.of().formatHex(idBytes);
      SubmittedWorkOrder order;
      try {
        order = requester.newWorkOrder(worker, SlowCounter.NAME).workOrderId(id).input("add").submit();
      } catch (TcsException e) {
        // Refused or cut off by a kill: not acknowledged, but it may have been stored first.
        inDoubt.add(id);
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        continue;
      }
      boolean receipt = false;
      if (withReceipts) {
        try {
          requester.createReceipt(order);
          receipt = true;
        } catch (TcsException e) {
          // The receipt was not acknowledged; the work order still was.
        }
      }
      acknowledged.add(new Acknowledged(order, receipt));
    }
  }

  /** Whether the TCS holds the work order; waits for it to finish if it does. */
  private static boolean storedResult(DirectTcsClient client, String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try {
        if (client.workOrderGetResult(id) instanceof SubmitReply.Completed) {
          return true;
        }
      } catch (TcsRpcException e) {
        // "Work order Id not found": the submit never reached the store. A failed result also lands
        // here, and would be a defect: SlowCounter cannot fail.
        assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.INVALID_PARAMETER.code());
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    throw new AssertionError("work order " + id + " neither finished nor unknown");
  }

  private static void checkReceipt(Requester requester, VerifiedWorker worker, String id) {
    ReceiptRetrieveResult receipt = requester.retrieveReceipt(id);
    assertThat(receipt.workOrderId()).isEqualTo(id);
    // Created before the result was stored: one worker update. Created after: none. Never two.
    if (receipt.receiptCurrentStatus() != (long) ReceiptStatus.PENDING.code()) {
      ReceiptUpdateRetrieveResult last = requester.receiptUpdate(id, ReceiptUpdateRetrieveParams.LAST_UPDATE);
      assertThat(last.updateCount()).isEqualTo(1);
      assertThat(requester.verifyReceiptUpdate(last, worker)).isTrue();
    }
  }
}
