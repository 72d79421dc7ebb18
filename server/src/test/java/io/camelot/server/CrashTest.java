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
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash harness: a real {@code camelot serve} child process under load from several SDK threads is
 * killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) at random moments, restarted on
 * the same data directory, and at the end every acknowledged work order must have exactly one
 * verified result, every acknowledged receipt must be there with at most one worker update, replays
 * must be refused, and the LMDB store must open cleanly after the last kill.
 *
 * <p>The workload is {@link SlowCounter}, whose counter is committed in the same transaction as the
 * result: a work order that ran twice, or a result lost while its state was kept, shows up as a
 * repeated or missing count.
 */
class CrashTest {
    static final int KILLS = 10;
    static final int SUBMITTERS = 3;

    @TempDir
    Path dataDir;

    @RegisterExtension
    final CamelotProcesses processes = new CamelotProcesses();

    @Test
    void sigkillUnderLoadLosesNothingAcknowledgedAndRunsNothingTwice() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int port = RestartTest.freePort();

        CrashLoad load;
        Process server = processes.serve(dataDir, port);
        try (DirectTcsClient client = DirectTcsClient.create("http://127.0.0.1:" + port)) {
            Requester requester = Requester.builder(client)
                    .requesterKey(Secp256k1.generate())
                    .allowSimulation()
                    .build();
            VerifiedWorker worker = RestartTest.awaitWorker(requester);

            load = new CrashLoad(SUBMITTERS, requester, worker, SlowCounter.NAME, true, CrashLoad.UNBOUNDED);
            List<CrashLoad.Acknowledged> acknowledged = load.acknowledged;

            for (int kill = 1; kill <= KILLS; kill++) {
                // Kill at a random moment once the node is serving and the submitters have had some
                // answers.
                LockSupport.parkNanos(
                        Duration.ofMillis(150 + random.nextInt(1200)).toNanos());
                server.destroyForcibly();
                assertThat(server.waitFor(30, TimeUnit.SECONDS))
                        .as("SIGKILL #%d took effect", kill)
                        .isTrue();
                server = processes.serve(dataDir, port);
                RestartTest.awaitWorker(requester);
            }
            load.stop();
            assertThat(acknowledged)
                    .as("acknowledged work orders (seed %d)", seed)
                    .hasSizeGreaterThan(KILLS);

            // Every acknowledged work order has one result that verifies, with a count of its own.
            Set<Long> counts = new HashSet<>();
            for (CrashLoad.Acknowledged ack : acknowledged) {
                String text = ack.order().await(Duration.ofSeconds(120)).text(0);
                long count = Long.parseLong(text.substring("COUNT: ".length()));
                assertThat(counts.add(count))
                        .as("count %d seen twice (seed %d)", count, seed)
                        .isTrue();
            }
            int storedInDoubt = load.storedInDoubt(client);
            int ran = acknowledged.size() + storedInDoubt;
            assertThat(counts)
                    .as("counts of acknowledged work orders (seed %d)", seed)
                    .allMatch(c -> c >= 1 && c <= ran);
            // One more work order: the counter moved exactly once per stored work order, no more.
            String next =
                    WorkOrders.run(requester, worker, SlowCounter.NAME, "add").text(0);
            assertThat(next).as("runs before the last one (seed %d)", seed).isEqualTo("COUNT: " + (ran + 1));

            for (CrashLoad.Acknowledged ack : acknowledged) {
                if (ack.receipt()) {
                    checkReceipt(requester, worker, ack.order().workOrderId());
                }
            }
            // A replayed submit, byte for byte the request the TCS acknowledged, is refused and runs
            // nothing.
            for (CrashLoad.Acknowledged ack : acknowledged.subList(0, Math.min(5, acknowledged.size()))) {
                WorkOrderSubmitParams replay = ack.order().request();
                assertThatThrownBy(() -> client.workOrderSubmit(replay))
                        .isInstanceOfSatisfying(
                                TcsRpcException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code()));
            }
            String after =
                    WorkOrders.run(requester, worker, SlowCounter.NAME, "add").text(0);
            assertThat(after).isEqualTo("COUNT: " + (ran + 2));
            System.out.printf(
                    "CrashTest seed %d: %d SIGKILLs, %d acknowledged work orders, %d of %d in doubt stored%n",
                    seed, KILLS, acknowledged.size(), storedInDoubt, load.inDoubt.size());
        }

        // A last SIGKILL, then the store must open as is and hold every acknowledged work order, done.
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        load.assertStoreHoldsEveryAcknowledged(dataDir.resolve("store"));
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
