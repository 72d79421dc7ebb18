package io.camelot.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import io.camelot.store.TcsStore.Completion;
import io.camelot.store.TcsStore.ReceiptUpdateFactory;
import io.camelot.store.TcsStore.Status;
import io.camelot.store.TcsStore.SubmitResult;
import io.camelot.store.TcsStore.WorkOrderInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TcsStore} backend must have. A backend's test extends this class and
 * says how to open an empty store.
 */
abstract class TcsStoreContractTest {

    protected TcsStore store;

    /** A new, empty store; the test closes it. */
    protected abstract TcsStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- Worker directory ----

    @Test
    void workersAreStoredReplacedAndListedInKeyOrder() {
        List<String> ids = List.of("worker-b", "worker-a", "wörker", "worker-a2", "Worker", "w");
        ids.forEach(id -> store.putWorker(id, utf8("record of " + id)));
        store.putWorker("worker-a", utf8("new record"));

        assertThat(store.worker("worker-a")).get(BYTE_ARRAY).isEqualTo(utf8("new record"));
        assertThat(store.worker("wörker")).get(BYTE_ARRAY).isEqualTo(utf8("record of wörker"));
        assertThat(store.worker("unknown")).isEmpty();
        assertThat(store.workerIds()).containsExactlyElementsOf(sortedByKey(ids));
    }

    @Test
    void emptyStoreHasNothing() {
        assertThat(store.workerIds()).isEmpty();
        assertThat(allReceiptIds()).isEmpty();
        assertThat(store.pendingCount()).isZero();
        assertThat(store.pending("w")).isEmpty();
        assertThat(store.workOrder("wo")).isEmpty();
        assertThat(store.request("wo")).isEmpty();
        assertThat(store.response("wo")).isEmpty();
        assertThat(store.receipt("wo")).isEmpty();
        assertThat(store.receiptUpdates("wo")).isEmpty();
        assertThat(store.state("key")).isEmpty();
    }

    // ---- Submit ----

    @Test
    void submitStoresTheRequestAndQueuesTheWorkOrder() {
        assertThat(submit("wo-1", "worker", utf8("request 1"), 1_000)).isEqualTo(SubmitResult.ACCEPTED);

        assertThat(store.request("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("request 1"));
        assertThat(store.response("wo-1")).isEmpty();
        assertThat(store.workOrder("wo-1")).contains(new WorkOrderInfo("wo-1", "worker", 1_000, Status.PENDING));
        assertThat(store.pending("worker")).containsExactly("wo-1");
        assertThat(store.pendingCount()).isEqualTo(1);
    }

    @Test
    void resubmittingAKnownWorkOrderIsADuplicateAndOverwritesNothing() {
        submit("wo-1", "worker-1", utf8("original"), 1_000);

        assertThat(submit("wo-1", "worker-2", utf8("replay"), 2_000)).isEqualTo(SubmitResult.DUPLICATE);

        assertThat(store.request("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("original"));
        assertThat(store.workOrder("wo-1")).contains(new WorkOrderInfo("wo-1", "worker-1", 1_000, Status.PENDING));
        assertThat(store.pending("worker-1")).containsExactly("wo-1");
        assertThat(store.pending("worker-2")).isEmpty();
        assertThat(store.pendingCount()).isEqualTo(1);
    }

    @Test
    void resubmittingACompletedWorkOrderIsADuplicateAndKeepsItsResponse() {
        submit("wo-1", "worker", utf8("original"), 1_000);
        store.complete(completion("wo-1", utf8("response"), 1_500));

        assertThat(submit("wo-1", "worker", utf8("replay"), 2_000)).isEqualTo(SubmitResult.DUPLICATE);

        assertThat(store.request("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("original"));
        assertThat(store.response("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("response"));
        assertThat(store.pending("worker")).isEmpty();
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void pendingIsOneFifoPerWorkerWhenSubmissionsInterleave() {
        // "w" is a prefix of "wx" and "wé" has bytes above 0x7F: neither may leak into the other's
        // queue. 300 submissions take sequence numbers across the 0x80 and 0x100 byte boundaries.
        List<String> workerIds = List.of("w", "wx", "wé");
        Map<String, List<String>> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            String workerId = workerIds.get(random.nextInt(workerIds.size()));
            String workOrderId = "wo-" + i;
            submit(workOrderId, workerId, utf8("request " + i), i);
            expected.computeIfAbsent(workerId, unused -> new ArrayList<>()).add(workOrderId);
        }
        for (String workerId : workerIds) {
            assertThat(store.pending(workerId)).containsExactlyElementsOf(expected.get(workerId));
        }

        // Completing from the middle keeps the order of the rest.
        List<String> ofW = expected.get("w");
        List<String> completed = List.of(ofW.get(0), ofW.get(5), ofW.get(ofW.size() - 1));
        completed.forEach(id ->
                assertThat(store.complete(completion(id, utf8("done"), 1))).isTrue());
        List<String> remaining = new ArrayList<>(ofW);
        remaining.removeAll(completed);

        assertThat(store.pending("w")).containsExactlyElementsOf(remaining);
        assertThat(store.pending("wx")).containsExactlyElementsOf(expected.get("wx"));
        assertThat(store.pendingCount()).isEqualTo(300 - completed.size());
        assertThat(store.pending("unknown")).isEmpty();
    }

    // ---- Request hashes ----

    @Test
    void aKnownRequestHashIsRefusedUnderAnotherIdAndNothingIsWritten() {
        byte[] hash = requestHash("wo-1", utf8("request"));
        assertThat(store.submit("wo-1", "worker", hash, utf8("request"), 1_000)).isEqualTo(SubmitResult.ACCEPTED);

        assertThat(store.submit("wo-2", "worker", hash, utf8("request"), 2_000)).isEqualTo(SubmitResult.REPLAYED);

        assertThat(store.workOrder("wo-2")).isEmpty();
        assertThat(store.request("wo-2")).isEmpty();
        assertThat(store.pending("worker")).containsExactly("wo-1");
        assertThat(store.pendingCount()).isEqualTo(1);
        // The refused id stays free for a request of its own.
        assertThat(submit("wo-2", "worker", utf8("another request"), 3_000)).isEqualTo(SubmitResult.ACCEPTED);
    }

    @Test
    void aKnownIdIsIdenticalWithItsOwnRequestHashAndADuplicateWithAnyOther() {
        byte[] first = requestHash("wo-1", utf8("request 1"));
        byte[] second = requestHash("wo-2", utf8("request 2"));
        store.submit("wo-1", "worker", first, utf8("request 1"), 1_000);
        store.submit("wo-2", "worker", second, utf8("request 2"), 1_000);

        assertThat(store.submit("wo-1", "worker", first, utf8("request 1"), 2_000))
                .isEqualTo(SubmitResult.IDENTICAL);
        assertThat(submit("wo-1", "worker", utf8("other request"), 2_000)).isEqualTo(SubmitResult.DUPLICATE);
        // The id is checked first: another work order's hash under a known id is a duplicate.
        assertThat(store.submit("wo-1", "worker", second, utf8("request 2"), 2_000))
                .isEqualTo(SubmitResult.DUPLICATE);

        assertThat(store.request("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("request 1"));
        assertThat(store.pending("worker")).containsExactly("wo-1", "wo-2");
    }

    @Test
    void tombstonesBeyondTheCapGoOldestFirstWhileRequestHashesStillRefuseReplays() {
        List<String> ids = List.of("wo-3", "wo-1", "wo-2");
        for (int i = 0; i < ids.size(); i++) {
            submit(ids.get(i), "worker", utf8("request " + ids.get(i)), i);
            store.complete(completion(ids.get(i), utf8("response"), 10 + i));
        }
        assertThat(store.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE)).isEqualTo(3);

        assertThat(store.dropTombstones(1)).isEqualTo(2);
        assertThat(store.dropTombstones(1)).isZero();

        // The two purged first are forgotten: the same request is still refused by its hash, another
        // request under the id is a new work order.
        assertThat(submit("wo-3", "worker", utf8("request wo-3"), 20)).isEqualTo(SubmitResult.REPLAYED);
        assertThat(submit("wo-3", "worker", utf8("new request"), 20)).isEqualTo(SubmitResult.ACCEPTED);
        assertThat(submit("wo-1", "worker", utf8("new request"), 20)).isEqualTo(SubmitResult.ACCEPTED);
        assertThat(submit("wo-2", "worker", utf8("new request"), 20)).isEqualTo(SubmitResult.DUPLICATE);
        assertThat(store.dropTombstones(0)).isEqualTo(1);
        assertThat(submit("wo-2", "worker", utf8("new request"), 20)).isEqualTo(SubmitResult.ACCEPTED);
        assertThatIllegalArgumentException().isThrownBy(() -> store.dropTombstones(-1));
    }

    @Test
    void aPurgedWorkOrdersRequestHashIsStillRefused() {
        byte[] hash = requestHash("wo-1", utf8("request"));
        store.submit("wo-1", "worker", hash, utf8("request"), 1_000);
        store.complete(completion("wo-1", utf8("response"), 2_000));
        assertThat(store.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE)).isEqualTo(1);

        assertThat(store.submit("wo-2", "worker", hash, utf8("request"), 3_000)).isEqualTo(SubmitResult.REPLAYED);
        assertThat(store.submit("wo-1", "worker", hash, utf8("request"), 3_000)).isEqualTo(SubmitResult.IDENTICAL);
        assertThat(submit("wo-1", "worker", utf8("other request"), 3_000)).isEqualTo(SubmitResult.DUPLICATE);

        assertThat(store.workOrder("wo-2")).isEmpty();
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void concurrentSubmissionsOfOneRequestHashUnderManyIdsAcceptOne() throws Exception {
        byte[] hash = requestHash("replayed", utf8("request"));
        int senders = 16;
        List<SubmitResult> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SubmitResult>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String id = "wo-" + i;
                sent.add(executor.submit(() -> {
                    start.await();
                    return store.submit(id, "worker", hash, utf8("request"), 0);
                }));
            }
            start.countDown();
            for (Future<SubmitResult> result : sent) {
                results.add(result.get());
            }
        }

        assertThat(results).containsOnlyOnce(SubmitResult.ACCEPTED);
        assertThat(results)
                .filteredOn(result -> result == SubmitResult.REPLAYED)
                .hasSize(senders - 1);
        assertThat(store.pendingCount()).isEqualTo(1);
    }

    // ---- Complete ----

    @Test
    void completingIsIdempotent() {
        submit("wo-1", "worker", utf8("request"), 1_000);

        assertThat(store.complete(completion("unknown", utf8("response"), 2_000)))
                .isFalse();
        assertThat(store.response("unknown")).isEmpty();
        assertThat(store.workOrder("unknown")).isEmpty();

        Completion first = new Completion("wo-1", utf8("first"), 2_000, Map.of("k", utf8("first state")), null);
        Completion second = new Completion("wo-1", utf8("second"), 3_000, Map.of("k", utf8("second state")), null);
        assertThat(store.complete(first)).isTrue();
        assertThat(store.complete(second)).isFalse();

        assertThat(store.response("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("first"));
        assertThat(store.state("k")).get(BYTE_ARRAY).isEqualTo(utf8("first state"));
        assertThat(store.workOrder("wo-1")).contains(new WorkOrderInfo("wo-1", "worker", 1_000, Status.COMPLETED));
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void completingWritesResponseStateAndReceiptUpdateTogether() {
        submit("wo-1", "worker", utf8("request"), 1_000);
        store.createReceipt("wo-1", utf8("receipt create"));
        store.appendReceiptUpdate("wo-1", 0, utf8("update 0"));
        List<byte[]> seenCreate = new ArrayList<>();
        List<List<byte[]>> seenUpdates = new ArrayList<>();
        ReceiptUpdateFactory factory = (rawCreate, existingUpdates) -> {
            seenCreate.add(rawCreate);
            seenUpdates.add(existingUpdates);
            return utf8("completed update");
        };

        boolean completed = store.complete(new Completion(
                "wo-1",
                utf8("response"),
                2_000,
                Map.of("balance/alice", utf8("10"), "balance/bob", utf8("32")),
                factory));

        assertThat(completed).isTrue();
        assertThat(seenCreate).singleElement(BYTE_ARRAY).isEqualTo(utf8("receipt create"));
        assertThat(seenUpdates).singleElement(list(byte[].class)).containsExactly(utf8("update 0"));
        assertThat(store.response("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("response"));
        assertThat(store.state("balance/alice")).get(BYTE_ARRAY).isEqualTo(utf8("10"));
        assertThat(store.state("balance/bob")).get(BYTE_ARRAY).isEqualTo(utf8("32"));
        assertThat(store.receiptUpdates("wo-1")).containsExactly(utf8("update 0"), utf8("completed update"));
        assertThat(store.workOrder("wo-1"))
                .get()
                .extracting(WorkOrderInfo::status)
                .isEqualTo(Status.COMPLETED);
        assertThat(store.pending("worker")).isEmpty();
    }

    @Test
    void aThrowingReceiptUpdateFactoryLeavesNoTrace() {
        submit("wo-1", "worker", utf8("request"), 1_000);
        store.createReceipt("wo-1", utf8("receipt create"));
        store.appendReceiptUpdate("wo-1", 0, utf8("update 0"));
        IllegalStateException failure = new IllegalStateException("cannot build the update");
        Completion failing =
                new Completion("wo-1", utf8("response"), 2_000, Map.of("key", utf8("state")), (rawCreate, existing) -> {
                    throw failure;
                });

        assertThatThrownBy(() -> store.complete(failing)).isSameAs(failure);

        assertThat(store.response("wo-1")).isEmpty();
        assertThat(store.state("key")).isEmpty();
        assertThat(store.receiptUpdates("wo-1")).containsExactly(utf8("update 0"));
        assertThat(store.workOrder("wo-1"))
                .get()
                .extracting(WorkOrderInfo::status)
                .isEqualTo(Status.PENDING);
        assertThat(store.pending("worker")).containsExactly("wo-1");
        assertThat(store.pendingCount()).isEqualTo(1);
        assertThat(store.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE)).isZero();

        // The work order can still complete once the failure is gone.
        assertThat(store.complete(completion("wo-1", utf8("response"), 3_000))).isTrue();
        assertThat(store.response("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("response"));
    }

    @Test
    void theReceiptUpdateFactoryIsNotCalledWithoutAReceipt() {
        submit("wo-1", "worker", utf8("request"), 1_000);
        AtomicBoolean called = new AtomicBoolean();

        boolean completed =
                store.complete(new Completion("wo-1", utf8("response"), 2_000, Map.of(), (rawCreate, existing) -> {
                    called.set(true);
                    return utf8("update");
                }));

        assertThat(completed).isTrue();
        assertThat(called).isFalse();
        assertThat(store.receipt("wo-1")).isEmpty();
        assertThat(store.receiptUpdates("wo-1")).isEmpty();
        assertThat(allReceiptIds()).isEmpty();
    }

    @Test
    void aReceiptUpdateFactoryReturningNullAppendsNothing() {
        submit("wo-1", "worker", utf8("request"), 1_000);
        store.createReceipt("wo-1", utf8("receipt create"));

        boolean completed =
                store.complete(new Completion("wo-1", utf8("response"), 2_000, Map.of(), (create, existing) -> null));

        assertThat(completed).isTrue();
        assertThat(store.receiptUpdates("wo-1")).isEmpty();
        assertThat(store.response("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("response"));
    }

    @Test
    void laterCompletionsOverwriteState() {
        submit("wo-1", "worker", utf8("request"), 1_000);
        submit("wo-2", "worker", utf8("request"), 1_001);
        store.complete(new Completion("wo-1", utf8("r1"), 2_000, Map.of("k", utf8("v1")), null));
        store.complete(new Completion("wo-2", utf8("r2"), 2_001, Map.of("k", utf8("v2")), null));

        assertThat(store.state("k")).get(BYTE_ARRAY).isEqualTo(utf8("v2"));
    }

    @Test
    void aNullStateWriteRemovesTheKeyWithTheCompletion() {
        submit("wo-1", "worker", utf8("request"), 1_000);
        submit("wo-2", "worker", utf8("request"), 1_001);
        store.complete(new Completion("wo-1", utf8("r1"), 2_000, Map.of("gone", utf8("v1"), "kept", utf8("v1")), null));
        Map<String, byte[]> writes = new HashMap<>();
        writes.put("gone", null);
        writes.put("kept", utf8("v2"));
        writes.put("never-there", null);

        assertThat(store.complete(new Completion("wo-2", utf8("r2"), 2_001, writes, null)))
                .isTrue();

        assertThat(store.state("gone")).isEmpty();
        assertThat(store.state("never-there")).isEmpty();
        assertThat(store.state("kept")).get(BYTE_ARRAY).isEqualTo(utf8("v2"));
    }

    @Test
    void importStateWritesOnlyKeysWithoutAValue() {
        submit("wo-1", "worker", utf8("request"), 1_000);
        store.complete(new Completion("wo-1", utf8("r1"), 2_000, Map.of("taken", utf8("committed")), null));

        int imported = store.importState(Map.of("taken", utf8("imported"), "free", utf8("imported")));

        assertThat(imported).isEqualTo(1);
        assertThat(store.state("taken")).get(BYTE_ARRAY).isEqualTo(utf8("committed"));
        assertThat(store.state("free")).get(BYTE_ARRAY).isEqualTo(utf8("imported"));
        assertThat(store.importState(Map.of("free", utf8("again")))).isZero();
    }

    // ---- Receipts ----

    @Test
    void aReceiptIsCreatedOnce() {
        assertThat(store.createReceipt("wo-1", utf8("create"))).isTrue();
        assertThat(store.createReceipt("wo-1", utf8("second create"))).isFalse();

        assertThat(store.receipt("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("create"));
        assertThat(store.receiptUpdates("wo-1")).isEmpty();
        assertThat(store.receipt("wo-2")).isEmpty();
    }

    @Test
    void receiptUpdatesAreComparedAndAppended() {
        assertThat(store.appendReceiptUpdate("wo-1", 0, utf8("no receipt"))).isFalse();
        store.createReceipt("wo-1", utf8("create"));

        assertThat(store.appendReceiptUpdate("wo-1", 0, utf8("u0"))).isTrue();
        assertThat(store.appendReceiptUpdate("wo-1", 0, utf8("stale"))).isFalse();
        assertThat(store.appendReceiptUpdate("wo-1", 2, utf8("ahead"))).isFalse();
        assertThat(store.appendReceiptUpdate("wo-1", 1, utf8("u1"))).isTrue();

        assertThat(store.receiptUpdates("wo-1")).containsExactly(utf8("u0"), utf8("u1"));
        assertThat(store.receiptUpdates("no receipt")).isEmpty();
    }

    @Test
    void receiptUpdatesOfNeighbouringReceiptsStayApart() {
        // "r" is a prefix of "r1"; 300 updates take indexes across the 0x80 and 0x100 byte boundaries.
        store.createReceipt("r", utf8("create r"));
        store.createReceipt("r1", utf8("create r1"));
        List<byte[]> expectedR = new ArrayList<>();
        List<byte[]> expectedR1 = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] update = utf8("r update " + i);
            assertThat(store.appendReceiptUpdate("r", i, update)).isTrue();
            expectedR.add(update);
            if (i % 3 == 0) {
                byte[] other = utf8("r1 update " + i);
                assertThat(store.appendReceiptUpdate("r1", expectedR1.size(), other))
                        .isTrue();
                expectedR1.add(other);
            }
        }

        assertThat(store.receiptUpdates("r")).containsExactlyElementsOf(expectedR);
        assertThat(store.receiptUpdates("r1")).containsExactlyElementsOf(expectedR1);
        assertThat(store.appendReceiptUpdate("r", 299, utf8("stale"))).isFalse();
        assertThat(store.appendReceiptUpdate("r1", expectedR1.size(), utf8("next")))
                .isTrue();
    }

    @Test
    void receiptIdsAreListedInKeyOrder() {
        List<String> ids = List.of("wo-b", "wo-a", "wo-ä", "wo-a1", "WO", "w");
        ids.forEach(id -> store.createReceipt(id, utf8("create " + id)));

        assertThat(allReceiptIds()).containsExactlyElementsOf(sortedByKey(ids));
    }

    @Test
    void workerAndReceiptIdsArePagedAfterAnyTagInKeyOrder() {
        List<String> ids = sortedByKey(List.of("wo-b", "wo-a", "wo-ä", "wo-a1", "WO", "w", "wo-\u007f", "wo-\u0080"));
        ids.forEach(id -> store.createReceipt(id, utf8("create " + id)));
        ids.forEach(id -> store.putWorker(id, utf8("record of " + id)));

        for (TcsStorePaging paging : List.<TcsStorePaging>of(store::receiptIds, store::workerIds)) {
            List<String> pages = new ArrayList<>();
            String tag = null;
            for (List<String> page = paging.after(tag, 3); !page.isEmpty(); page = paging.after(tag, 3)) {
                assertThat(page).hasSizeLessThanOrEqualTo(3);
                pages.addAll(page);
                tag = page.getLast();
            }
            assertThat(pages).containsExactlyElementsOf(ids);
            assertThat(paging.after("", 100)).containsExactlyElementsOf(ids);
            // A tag that is no id, one longer than any key, and one that is not valid Unicode.
            assertThat(paging.after("wo-a0", 2)).containsExactly("wo-a1", "wo-b");
            assertThat(paging.after("wo-a1" + "x".repeat(2000), 100))
                    .containsExactlyElementsOf(ids.subList(ids.indexOf("wo-b"), ids.size()));
            assertThat(paging.after("wo-\ud800", 100)).isSubsetOf(ids);
            assertThat(paging.after(ids.getLast(), 100)).isEmpty();
            assertThatThrownBy(() -> paging.after(null, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The paged id listings of {@link TcsStore}. */
    @FunctionalInterface
    private interface TcsStorePaging {
        List<String> after(String afterId, int limit);
    }

    private List<String> allReceiptIds() {
        return store.receiptIds(null, Integer.MAX_VALUE);
    }

    // ---- Work order states ----

    @Test
    void aWorkOrderGoesFromPendingToCompletedToPurged() {
        assertThat(store.workOrder("wo-1")).isEmpty();

        submit("wo-1", "worker", utf8("request"), 1_000);
        assertThat(store.workOrder("wo-1")).contains(new WorkOrderInfo("wo-1", "worker", 1_000, Status.PENDING));

        store.complete(completion("wo-1", utf8("response"), 2_000));
        assertThat(store.workOrder("wo-1")).contains(new WorkOrderInfo("wo-1", "worker", 1_000, Status.COMPLETED));

        assertThat(store.purge(2_001, Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(store.workOrder("wo-1")).isEmpty();

        // A purged work order is forgotten, but its id is not: a replay of it must not run again.
        assertThat(submit("wo-1", "worker", utf8("again"), 3_000)).isEqualTo(SubmitResult.DUPLICATE);
        assertThat(store.request("wo-1")).isEmpty();
        assertThat(store.response("wo-1")).isEmpty();
        assertThat(store.pendingCount()).isZero();
    }

    // ---- Purge ----

    @Test
    void purgeRemovesWorkOrdersCompletedBeforeTheCutoff() {
        for (String id : List.of("old-1", "old-2", "recent", "pending")) {
            submit(id, "worker", utf8("request " + id), 0);
            store.createReceipt(id, utf8("create " + id));
            store.appendReceiptUpdate(id, 0, utf8("update " + id));
        }
        store.complete(completion("old-1", utf8("response"), 100));
        store.complete(completion("old-2", utf8("response"), 199));
        store.complete(completion("recent", utf8("response"), 200));

        assertThat(store.purge(200, Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(2);

        for (String purged : List.of("old-1", "old-2")) {
            assertThat(store.workOrder(purged)).isEmpty();
            assertThat(store.request(purged)).isEmpty();
            assertThat(store.response(purged)).isEmpty();
            assertThat(store.receipt(purged)).isEmpty();
            assertThat(store.receiptUpdates(purged)).isEmpty();
        }
        assertThat(store.response("recent")).get(BYTE_ARRAY).isEqualTo(utf8("response"));
        assertThat(store.receiptUpdates("recent")).containsExactly(utf8("update recent"));
        assertThat(store.request("pending")).get(BYTE_ARRAY).isEqualTo(utf8("request pending"));
        assertThat(store.pending("worker")).containsExactly("pending");
        assertThat(allReceiptIds()).containsExactly("pending", "recent");
        assertThat(store.purge(200, Long.MAX_VALUE, Long.MAX_VALUE)).isZero();
    }

    @Test
    void purgeKeepsOnlyTheMostRecentlyCompleted() {
        // Completed in the reverse of submission order: age is completion time, not submission.
        List<String> ids = List.of("wo-1", "wo-2", "wo-3", "wo-4", "wo-5");
        for (String id : ids) {
            submit(id, "worker", utf8("request"), 0);
        }
        submit("pending", "worker", utf8("request"), 0);
        for (int i = 0; i < ids.size(); i++) {
            store.complete(completion(ids.get(ids.size() - 1 - i), utf8("response"), 1_000 + i));
        }

        assertThat(store.purge(Long.MIN_VALUE, 2, Long.MAX_VALUE)).isEqualTo(3);

        assertThat(present(ids)).containsExactly("wo-1", "wo-2");
        assertThat(store.pending("worker")).containsExactly("pending");
        assertThat(store.purge(Long.MIN_VALUE, 2, Long.MAX_VALUE)).isZero();
        assertThat(store.purge(Long.MIN_VALUE, 0, Long.MAX_VALUE)).isEqualTo(2);
        assertThat(present(ids)).isEmpty();
        assertThat(store.workOrder("pending")).isPresent();
    }

    @Test
    void purgeAppliesAgeAndCountTogetherOldestFirst() {
        for (int i = 0; i < 6; i++) {
            submit("wo-" + i, "worker", utf8("request"), 0);
        }
        // Equal completion times: the earlier submission counts as older.
        store.complete(completion("wo-0", utf8("response"), 100));
        store.complete(completion("wo-1", utf8("response"), 200));
        store.complete(completion("wo-3", utf8("response"), 300));
        store.complete(completion("wo-2", utf8("response"), 300));
        store.complete(completion("wo-4", utf8("response"), 400));

        // The cutoff alone removes wo-0; the count then removes wo-1 and wo-2.
        assertThat(store.purge(150, 2, Long.MAX_VALUE)).isEqualTo(3);

        assertThat(present(List.of("wo-0", "wo-1", "wo-2", "wo-3", "wo-4", "wo-5")))
                .containsExactly("wo-3", "wo-4", "wo-5");
        assertThat(store.pending("worker")).containsExactly("wo-5");
    }

    @Test
    void theCountCapNeverRemovesWorkOrdersCompletedAtOrAfterTheFloor() {
        for (int i = 0; i < 5; i++) {
            submit("wo-" + i, "worker", utf8("request"), 0);
            store.createReceipt("wo-" + i, utf8("create"));
            store.complete(completion("wo-" + i, utf8("response"), 100 * (i + 1)));
        }
        List<String> ids = List.of("wo-0", "wo-1", "wo-2", "wo-3", "wo-4");

        // A cap of 1 would remove four; the floor at 300 lets it remove only those completed before.
        assertThat(store.purge(Long.MIN_VALUE, 1, 300)).isEqualTo(2);

        assertThat(present(ids)).containsExactly("wo-2", "wo-3", "wo-4");
        assertThat(store.receipt("wo-2")).isPresent();
        assertThat(store.purge(Long.MIN_VALUE, 1, 300)).isZero();
        assertThat(store.purge(Long.MIN_VALUE, 1, 501)).isEqualTo(2);
        assertThat(present(ids)).containsExactly("wo-4");
    }

    @Test
    void theAgeCutoffNeverRemovesWorkOrdersCompletedAtOrAfterTheFloor() {
        submit("old", "worker", utf8("request"), 0);
        submit("young", "worker", utf8("request"), 0);
        store.complete(completion("old", utf8("response"), 100));
        store.complete(completion("young", utf8("response"), 200));

        assertThat(store.purge(Long.MAX_VALUE, Long.MAX_VALUE, 200)).isEqualTo(1);

        assertThat(present(List.of("old", "young"))).containsExactly("young");
    }

    @Test
    void purgeNeverRemovesPendingWorkOrders() {
        submit("pending-1", "worker-1", utf8("request"), 0);
        submit("pending-2", "worker-2", utf8("request"), 0);

        assertThat(store.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE)).isZero();

        assertThat(store.pendingCount()).isEqualTo(2);
        assertThat(store.request("pending-1")).isPresent();
        assertThat(store.request("pending-2")).isPresent();
    }

    @Test
    void purgeRejectsANegativeRetainCount() {
        assertThatIllegalArgumentException().isThrownBy(() -> store.purge(0, -1, Long.MAX_VALUE));
    }

    // ---- Values and ids ----

    @Test
    void valuesAreBinarySafe() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] zeros = new byte[17];
        byte[] large = new byte[100_000];
        new Random(42).nextBytes(large);
        byte[] empty = new byte[0];

        store.putWorker("every-byte", everyByte);
        store.putWorker("empty", empty);
        submit("wo-1", "worker", everyByte, 0);
        submit("wo-2", "worker", empty, 0);
        store.createReceipt("wo-1", zeros);
        store.createReceipt("wo-2", empty);
        store.appendReceiptUpdate("wo-1", 0, large);
        store.appendReceiptUpdate("wo-1", 1, empty);
        store.appendReceiptUpdate("wo-1", 2, everyByte);
        store.complete(new Completion("wo-1", large, 1, Map.of("zeros", zeros, "empty", empty), null));
        store.complete(new Completion("wo-2", empty, 1, Map.of("large", large), null));

        assertThat(store.worker("every-byte")).get(BYTE_ARRAY).isEqualTo(everyByte);
        assertThat(store.worker("empty")).get(BYTE_ARRAY).isEmpty();
        assertThat(store.request("wo-1")).get(BYTE_ARRAY).isEqualTo(everyByte);
        assertThat(store.request("wo-2")).get(BYTE_ARRAY).isEmpty();
        assertThat(store.receipt("wo-1")).get(BYTE_ARRAY).isEqualTo(zeros);
        assertThat(store.receipt("wo-2")).get(BYTE_ARRAY).isEmpty();
        assertThat(store.receiptUpdates("wo-1")).containsExactly(large, empty, everyByte);
        assertThat(store.response("wo-1")).get(BYTE_ARRAY).isEqualTo(large);
        assertThat(store.response("wo-2")).get(BYTE_ARRAY).isEmpty();
        assertThat(store.state("zeros")).get(BYTE_ARRAY).isEqualTo(zeros);
        assertThat(store.state("empty")).get(BYTE_ARRAY).isEmpty();
        assertThat(store.state("large")).get(BYTE_ARRAY).isEqualTo(large);
    }

    @Test
    void idsAreKeptExactlyAsSent() {
        List<String> ids = List.of("A1b2", "a1b2", " a1b2 ", "ünï-😀", "id\u0000with-nul");
        for (String id : ids) {
            submit(id, id, utf8("request " + id), 0);
        }

        for (String id : ids) {
            assertThat(store.request(id)).get(BYTE_ARRAY).isEqualTo(utf8("request " + id));
            assertThat(store.pending(id)).containsExactly(id);
            assertThat(store.workOrder(id))
                    .get()
                    .extracting(WorkOrderInfo::workerId)
                    .isEqualTo(id);
        }
    }

    @Test
    void unusableIdsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> submit("", "worker", utf8("request"), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> submit("wo", "", utf8("request"), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> store.putWorker("", utf8("record")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.createReceipt("\uD800", utf8("create")))
                .withMessageContaining("Unicode");
        assertThatThrownBy(() -> store.submit(null, "worker", requestHash("wo", utf8("request")), utf8("request"), 0))
                .isInstanceOf(NullPointerException.class);
        assertThat(store.pendingCount()).isZero();
        assertThat(store.workerIds()).isEmpty();
        assertThat(allReceiptIds()).isEmpty();
    }

    @Test
    void aRequestHashMustBeASha256Digest() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.submit("wo", "worker", new byte[31], utf8("request"), 0))
                .withMessageContaining("31 bytes");
        assertThatThrownBy(() -> store.submit("wo", "worker", null, utf8("request"), 0))
                .isInstanceOf(NullPointerException.class);
        assertThat(store.pendingCount()).isZero();
    }

    // ---- Concurrency ----

    @Test
    void concurrentSubmitsAndCompletesAreAllApplied() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<String> workerIds = List.of("worker-1", "worker-2", "worker-3");
        AtomicBoolean submitting = new AtomicBoolean(true);
        // A reader running alongside must only ever see whole, published commits: while only
        // submissions happen, the pending count it reads never falls.
        AtomicBoolean pendingCountNeverFell = new AtomicBoolean(true);

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> watcher = executor.submit(() -> {
                long last = 0;
                while (submitting.get()) {
                    long now = store.pendingCount();
                    if (now < last) {
                        pendingCountNeverFell.set(false);
                    }
                    last = now;
                    // Lets the submitters have the carrier: there are as few carriers as cores.
                    Thread.yield();
                }
            });
            List<Future<?>> submitters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitters.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String workerId = workerIds.get((thread + i) % workerIds.size());
                        submit(workOrderId(thread, i), workerId, utf8("request"), i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> submitter : submitters) {
                submitter.get();
            }
            submitting.set(false);
            watcher.get();
        }

        assertThat(pendingCountNeverFell).isTrue();
        assertThat(store.pendingCount()).isEqualTo(threads * perThread);
        List<String> allPending = new ArrayList<>();
        for (String workerId : workerIds) {
            List<String> pending = store.pending(workerId);
            allPending.addAll(pending);
            // Each thread submitted in order, so its work orders keep that order in every FIFO.
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                List<Integer> indexes = pending.stream()
                        .filter(id -> id.startsWith(prefix))
                        .map(id -> Integer.parseInt(id.substring(prefix.length())))
                        .toList();
                assertThat(indexes).isSorted();
            }
        }
        assertThat(allPending)
                .hasSize(threads * perThread)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, threads)
                        .boxed()
                        .flatMap(t -> IntStream.range(0, perThread).mapToObj(i -> workOrderId(t, i)))
                        .toList());

        // Every work order is completed by two threads at once: exactly one may win.
        Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> completers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                completers.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        for (int owner : new int[] {thread, (thread + 1) % threads}) {
                            String id = workOrderId(owner, i);
                            if (store.complete(completion(id, utf8("by " + thread), i))) {
                                wins.computeIfAbsent(id, unused -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> completer : completers) {
                completer.get();
            }
        }

        assertThat(wins).hasSize(threads * perThread);
        assertThat(wins.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(store.pendingCount()).isZero();
        workerIds.forEach(workerId -> assertThat(store.pending(workerId)).isEmpty());
        assertThat(store.response(workOrderId(3, 7))).get(BYTE_ARRAY).isIn(utf8("by 3"), utf8("by 2"));
    }

    // ---- Helpers ----

    protected static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    /** Submits with a request hash of its own to each distinct id and request. */
    protected SubmitResult submit(String workOrderId, String workerId, byte[] rawRequest, long receivedAtMillis) {
        return store.submit(workOrderId, workerId, requestHash(workOrderId, rawRequest), rawRequest, receivedAtMillis);
    }

    /** Stands for the request hash of a request with this id and content. */
    protected static byte[] requestHash(String workOrderId, byte[] rawRequest) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(utf8(workOrderId));
            sha256.update((byte) 0);
            return sha256.digest(rawRequest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    protected static Completion completion(String workOrderId, byte[] response, long completedAt) {
        return new Completion(workOrderId, response, completedAt, Map.of(), null);
    }

    private static String workOrderId(int thread, int index) {
        return "t" + thread + "-" + index;
    }

    /** Key order: the ids' UTF-8 bytes compared as unsigned numbers. */
    private static List<String> sortedByKey(List<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.comparing(id -> utf8(id), Arrays::compareUnsigned));
        return Collections.unmodifiableList(sorted);
    }

    private List<String> present(List<String> ids) {
        return ids.stream().filter(id -> store.workOrder(id).isPresent()).toList();
    }
}
