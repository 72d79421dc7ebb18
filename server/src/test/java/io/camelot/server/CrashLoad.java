package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.ErrorCode;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load side of the crash harnesses ({@link CrashTest}, {@link PoolCrashTest}): SDK threads that
 * submit work orders until stopped and record which ones the TCS acknowledged (it promised to run
 * them) and which submits failed in transit (the TCS may or may not have stored them).
 */
final class CrashLoad {
    /** A window that never makes a submitter wait. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    /**
     * A work order whose submit returned "pending", with its input and whether a receipt was made.
     */
    record Acknowledged(SubmittedWorkOrder order, String input, boolean receipt) {}

    final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    final Set<String> inDoubt = ConcurrentHashMap.newKeySet();
    private final List<Thread> submitters = new ArrayList<>();
    private volatile boolean loading = true;

    /**
     * Starts {@code threads} submitters of {@code workload} work orders, each with an input of its
     * own; the first also creates a receipt for each if {@code receipts}. A submitter with {@code
     * window} unfinished work orders awaits the oldest before it submits again ({@link #UNBOUNDED}:
     * never, for a node that is itself killed).
     */
    CrashLoad(int threads, Requester requester, VerifiedWorker worker, String workload, boolean receipts, int window) {
        for (int t = 0; t < threads; t++) {
            boolean withReceipts = receipts && t == 0;
            submitters.add(Thread.ofPlatform()
                    .name("crash-submitter-" + t)
                    .start(() -> submitUntilStopped(requester, worker, workload, withReceipts, window)));
        }
    }

    void stop() throws InterruptedException {
        loading = false;
        for (Thread submitter : submitters) {
            submitter.join(Duration.ofSeconds(60));
        }
    }

    private void submitUntilStopped(
            Requester requester, VerifiedWorker worker, String workload, boolean withReceipts, int window) {
        Deque<SubmittedWorkOrder> unfinished = new ArrayDeque<>();
        while (loading) {
            if (unfinished.size() >= window) {
                unfinished.removeFirst().await(Duration.ofSeconds(120));
            }
            byte[] idBytes = new byte[32];
            ThreadLocalRandom.current().nextBytes(idBytes);
            String id = HexFormat.of().formatHex(idBytes);
            String input = "crash " + id.substring(0, 16);
            SubmittedWorkOrder order;
            try {
                order = requester
                        .newWorkOrder(worker, workload)
                        .workOrderId(id)
                        .input(input)
                        .submit();
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
            acknowledged.add(new Acknowledged(order, input, receipt));
            unfinished.addLast(order);
        }
    }

    /** How many in-doubt work orders the TCS did store; waits for each of those to finish. */
    int storedInDoubt(DirectTcsClient client) {
        int stored = 0;
        for (String id : inDoubt) {
            if (storedResult(client, id)) {
                stored++;
            }
        }
        return stored;
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
                // here, and would be a defect: the harnesses' workloads cannot fail.
                assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.INVALID_PARAMETER.code());
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("work order " + id + " neither finished nor unknown");
    }

    /**
     * After a last SIGKILL the LMDB store opens as is, holds every acknowledged work order completed
     * with its request and response (and receipt), and has nothing pending.
     */
    void assertStoreHoldsEveryAcknowledged(Path storeDirectory) {
        try (LmdbTcsStore store = LmdbTcsStore.open(storeDirectory)) {
            assertThat(store.pendingCount()).isZero();
            for (Acknowledged ack : acknowledged) {
                String id = ack.order().workOrderId();
                assertThat(store.workOrder(id))
                        .hasValueSatisfying(info -> assertThat(info.status()).isEqualTo(TcsStore.Status.COMPLETED));
                assertThat(store.response(id)).isPresent();
                assertThat(store.request(id)).isPresent();
                if (ack.receipt()) {
                    assertThat(store.receipt(id)).isPresent();
                }
            }
        }
    }
}
