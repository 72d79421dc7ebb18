package io.camelot.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY;
import static org.lmdbjava.ByteArrayProxy.PROXY_BA;

import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.store.TcsStore.Completion;
import io.camelot.store.TcsStore.Status;
import io.camelot.store.TcsStore.SubmitResult;
import io.camelot.store.TcsStore.WorkOrderInfo;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

class LmdbTcsStoreTest extends TcsStoreContractTest {

    private static final long TEST_MAP_SIZE = 256L << 20;

    @TempDir
    Path dataDir;

    @Override
    protected TcsStore newStore() {
        return LmdbTcsStore.open(dataDir, TEST_MAP_SIZE);
    }

    private void reopen() {
        store.close();
        store = LmdbTcsStore.open(dataDir, TEST_MAP_SIZE);
    }

    /**
     * Writes queued together commit as one batch; a write that fails must roll back alone. Run from
     * many threads at once so that failing and succeeding writes share batches.
     */
    @Test
    void aFailingWriteRollsBackAloneWhileConcurrentWritesCommit() throws Exception {
        int count = 200;
        for (int i = 0; i < count; i++) {
            submit("wo-" + i, "worker", utf8("request " + i), i);
            store.createReceipt("wo-" + i, utf8("create " + i));
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < count; i += 8) {
                    int n = i;
                    try {
                        store.complete(new Completion(
                                "wo-" + n,
                                utf8("response " + n),
                                1_000 + n,
                                Map.of("key-" + n, utf8("state " + n)),
                                (create, existing) -> {
                                    if (n % 3 == 0) {
                                        throw new IllegalStateException("refused " + n);
                                    }
                                    return utf8("update " + n);
                                }));
                    } catch (IllegalStateException expected) {
                        assertThat(expected).hasMessage("refused " + n);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        for (int i = 0; i < count; i++) {
            boolean refused = i % 3 == 0;
            assertThat(store.response("wo-" + i).isPresent())
                    .as("response of wo-%d", i)
                    .isEqualTo(!refused);
            assertThat(store.state("key-" + i).isPresent())
                    .as("state of wo-%d", i)
                    .isEqualTo(!refused);
            assertThat(store.receiptUpdates("wo-" + i))
                    .as("updates of wo-%d", i)
                    .hasSize(refused ? 0 : 1);
        }
        assertThat(store.pendingCount()).isEqualTo((count + 2) / 3);
    }

    @Test
    void reopeningKeepsEverything() {
        store.putWorker("worker-1", utf8("record 1"));
        store.putWorker("worker-2", utf8("record 2"));
        for (int i = 0; i < 5; i++) {
            submit("wo-" + i, i % 2 == 0 ? "worker-1" : "worker-2", utf8("request " + i), i);
        }
        store.createReceipt("wo-1", utf8("create 1"));
        store.appendReceiptUpdate("wo-1", 0, utf8("update 0"));
        store.complete(new Completion(
                "wo-1",
                utf8("response 1"),
                100,
                Map.of("state", utf8("value")),
                (create, existing) -> utf8("update 1")));
        store.complete(completion("wo-2", utf8("response 2"), 101));

        reopen();

        assertThat(store.workerIds()).containsExactly("worker-1", "worker-2");
        assertThat(store.worker("worker-2")).get(BYTE_ARRAY).isEqualTo(utf8("record 2"));
        assertThat(store.pending("worker-1")).containsExactly("wo-0", "wo-4");
        assertThat(store.pending("worker-2")).containsExactly("wo-3");
        assertThat(store.pendingCount()).isEqualTo(3);
        assertThat(store.request("wo-3")).get(BYTE_ARRAY).isEqualTo(utf8("request 3"));
        assertThat(store.response("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("response 1"));
        assertThat(store.response("wo-2")).get(BYTE_ARRAY).isEqualTo(utf8("response 2"));
        assertThat(store.workOrder("wo-2")).contains(new WorkOrderInfo("wo-2", "worker-1", 2, Status.COMPLETED));
        assertThat(store.receipt("wo-1")).get(BYTE_ARRAY).isEqualTo(utf8("create 1"));
        assertThat(store.receiptUpdates("wo-1")).containsExactly(utf8("update 0"), utf8("update 1"));
        assertThat(store.state("state")).get(BYTE_ARRAY).isEqualTo(utf8("value"));

        // The sequence survives too: a work order submitted now queues behind the old ones.
        submit("wo-5", "worker-1", utf8("request 5"), 5);
        assertThat(store.pending("worker-1")).containsExactly("wo-0", "wo-4", "wo-5");
        assertThat(store.complete(completion("wo-1", utf8("again"), 200))).isFalse();
        assertThat(store.purge(Long.MIN_VALUE, 1, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(store.workOrder("wo-1")).isEmpty();
    }

    @Test
    void openCreatesMissingDirectories(@TempDir Path root) {
        Path nested = root.resolve("a/b/store");

        try (LmdbTcsStore nestedStore = LmdbTcsStore.open(nested)) {
            nestedStore.putWorker("worker", utf8("record"));
            assertThat(nestedStore.workerIds()).containsExactly("worker");
        }
        assertThat(nested.resolve("data.mdb")).isRegularFile();
    }

    @Test
    void aDirectoryIsOpenOnceAtATime() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LmdbTcsStore.open(dataDir.resolve(".")))
                .withMessageContaining("already open");
        store.putWorker("worker", utf8("record"));

        reopen();

        assertThat(store.workerIds()).containsExactly("worker");
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        store.close();
        store.close();

        assertThatIllegalStateException().isThrownBy(() -> store.pendingCount()).withMessageContaining("closed");
        assertThatIllegalStateException()
                .isThrownBy(() -> store.putWorker("worker", utf8("record")))
                .withMessageContaining("closed");
    }

    @Test
    void aFullMapIsAStoreExceptionAndLosesNothing(@TempDir Path smallDir) {
        byte[] chunk = new byte[64 << 10];
        new Random(3).nextBytes(chunk);
        List<String> written = new ArrayList<>();
        try (LmdbTcsStore small = LmdbTcsStore.open(smallDir, 1L << 20)) {
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 64; i++) {
                            small.putWorker("worker-" + i, chunk);
                            written.add("worker-" + i);
                        }
                    })
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("store is full: raise the map size");

            assertThat(written).isNotEmpty();
            assertThat(small.workerIds()).containsExactlyInAnyOrderElementsOf(written);
        }
        try (LmdbTcsStore larger = LmdbTcsStore.open(smallDir, 8L << 20)) {
            larger.putWorker("after-growth", chunk);
            assertThat(larger.workerIds()).hasSize(written.size() + 1);
            assertThat(larger.worker(written.getFirst())).get(BYTE_ARRAY).isEqualTo(chunk);
        }
    }

    /**
     * H5: one requester floods a small store with junk. Submits stop with FULL before the map is
     * full, the others' results and receipts stay, completions and receipts still commit, and once
     * purge removes the junk, submits are accepted again.
     */
    @Test
    void aFloodOfJunkIsRefusedBeforeTheMapFillsAndTheStoreStaysWritable(@TempDir Path smallDir) {
        store.close();
        store = LmdbTcsStore.open(smallDir, 16L << 20);
        assertThat(submit("legit-done", "worker", utf8("request"), 0)).isEqualTo(SubmitResult.ACCEPTED);
        assertThat(store.createReceipt("legit-done", utf8("create"))).isTrue();
        assertThat(store.complete(completion("legit-done", utf8("result"), 1_000_000)))
                .isTrue();
        assertThat(submit("legit-pending", "worker", utf8("request"), 0)).isEqualTo(SubmitResult.ACCEPTED);

        byte[] junk = new byte[64 << 10];
        Random random = new Random(5);
        int accepted = 0;
        SubmitResult last = SubmitResult.ACCEPTED;
        while (last == SubmitResult.ACCEPTED) {
            random.nextBytes(junk);
            last = submit("junk-" + accepted, "attacker", junk, 0);
            if (last == SubmitResult.ACCEPTED) {
                accepted++;
            }
            assertThat(accepted).as("junk accepted").isLessThan(256);
        }

        assertThat(last).isEqualTo(SubmitResult.FULL);
        assertThat(accepted).isGreaterThan(100);
        assertThat(submit("legit-new", "worker", utf8("request"), 0)).isEqualTo(SubmitResult.FULL);
        assertThat(store.response("legit-done")).get(BYTE_ARRAY).isEqualTo(utf8("result"));
        assertThat(store.receipt("legit-done")).get(BYTE_ARRAY).isEqualTo(utf8("create"));
        assertThat(store.appendReceiptUpdate("legit-done", 0, utf8("update"))).isTrue();
        assertThat(store.createReceipt("legit-pending", utf8("create"))).isTrue();
        assertThat(store.complete(completion("legit-pending", utf8("result"), 1_000_000)))
                .isTrue();
        for (int i = 0; i < accepted; i++) {
            assertThat(store.complete(completion("junk-" + i, utf8("error"), 10 + i)))
                    .isTrue();
        }

        assertThat(store.purge(500_000, Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(accepted);

        assertThat(submit("legit-new", "worker", utf8("request"), 0)).isEqualTo(SubmitResult.ACCEPTED);
        assertThat(store.receiptUpdates("legit-done")).hasSize(1);
        assertThat(store.response("legit-pending")).get(BYTE_ARRAY).isEqualTo(utf8("result"));
    }

    @Test
    void theSubmitLimitMustBeAPercentage(@TempDir Path otherDir) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LmdbTcsStore.open(otherDir, 1L << 20, 0))
                .withMessageContaining("1..100 percent");
        assertThatIllegalArgumentException().isThrownBy(() -> LmdbTcsStore.open(otherDir, 1L << 20, 101));
    }

    @Test
    void idsMustFitAnLmdbKey() {
        String longest = "a".repeat(LmdbKeys.MAX_ID_BYTES);
        // 167 three-byte characters: few characters, too many bytes.
        String tooManyBytes = "€".repeat(167);

        assertThat(submit(longest, longest, utf8("request"), 0)).isEqualTo(SubmitResult.ACCEPTED);
        assertThat(store.pending(longest)).containsExactly(longest);
        assertThat(store.createReceipt(longest, utf8("create"))).isTrue();
        assertThat(store.appendReceiptUpdate(longest, 0, utf8("update"))).isTrue();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> submit(longest + "a", "worker", utf8("request"), 0))
                .withMessageContaining("501 bytes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.putWorker(tooManyBytes, utf8("record")))
                .withMessageContaining("workerId");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        store.complete(new Completion(longest, utf8("r"), 0, Map.of(tooManyBytes, utf8("v")), null)));
        assertThat(store.workOrder(longest))
                .get()
                .extracting(WorkOrderInfo::status)
                .isEqualTo(Status.PENDING);
    }

    @Test
    void purgeRemovesMoreThanOneTransactionsWorth() {
        int count = 2 * PurgeBatch.SIZE + 1;
        for (int i = 0; i < count; i++) {
            submit("wo-" + i, "worker", utf8("request"), 0);
            store.complete(completion("wo-" + i, utf8("response"), i));
        }
        submit("pending", "worker", utf8("request"), 0);

        assertThat(store.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE)).isEqualTo(count);

        assertThat(store.workOrder("wo-0")).isEmpty();
        assertThat(store.workOrder("wo-" + (count - 1))).isEmpty();
        assertThat(store.pending("worker")).containsExactly("pending");
    }

    @Test
    void aReceiptUpdateFactoryCannotCallTheStore() {
        submit("wo-1", "worker", utf8("request"), 0);
        store.createReceipt("wo-1", utf8("create"));
        Completion reentrant = new Completion(
                "wo-1",
                utf8("response"),
                1,
                Map.of(),
                (create, existing) -> store.receipt("wo-1").orElseThrow());

        assertThatIllegalStateException()
                .isThrownBy(() -> store.complete(reentrant))
                .withMessageContaining("ReceiptUpdateFactory");
        assertThat(store.response("wo-1")).isEmpty();
        assertThat(store.pending("worker")).containsExactly("wo-1");
    }

    @Test
    void anInterruptedCallerStillLearnsTheOutcome() {
        Thread.currentThread().interrupt();
        try {
            assertThat(submit("wo-1", "worker", utf8("request"), 0)).isEqualTo(SubmitResult.ACCEPTED);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(store.pending("worker")).containsExactly("wo-1");
    }

    @Test
    void aVersion1StoreIsUpgradedByIndexingTheRequestHashesOfWhatItHolds(@TempDir Path oldDir) throws Exception {
        // More than one batch of the upgrade, submitted concurrently so that they share commits.
        List<String> ids = IntStream.rangeClosed(0, LmdbLayout.INDEX_BATCH)
                .mapToObj(i -> "%04x".formatted(i))
                .toList();
        try (LmdbTcsStore old = LmdbTcsStore.open(oldDir, TEST_MAP_SIZE);
                ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SubmitResult>> submitted = new ArrayList<>();
            for (String id : ids) {
                submitted.add(executor.submit(() -> old.submit(id, "worker", listenersHash(id), submitRequest(id), 0)));
            }
            submitted.add(executor.submit(
                    () -> old.submit("unparsable", "worker", requestHash("x", utf8("x")), utf8("{"), 0)));
            for (Future<SubmitResult> result : submitted) {
                assertThat(result.get()).isEqualTo(SubmitResult.ACCEPTED);
            }
        }
        // As version 1 left it: no request hashes.
        setLayout(oldDir, 1, env -> {
            Dbi<byte[]> hashes = env.openDbi("request-hashes");
            return txn -> hashes.drop(txn, true);
        });

        try (LmdbTcsStore upgraded = LmdbTcsStore.open(oldDir, TEST_MAP_SIZE)) {
            for (String id : List.of(ids.getFirst(), ids.get(ids.size() / 2), ids.getLast())) {
                assertThat(upgraded.submit("new", "worker", listenersHash(id), submitRequest(id), 1))
                        .isEqualTo(SubmitResult.REPLAYED);
                assertThat(upgraded.submit(id, "worker", listenersHash(id), submitRequest(id), 1))
                        .isEqualTo(SubmitResult.IDENTICAL);
            }
            // A request that does not parse is skipped, and its work order kept.
            assertThat(upgraded.pending("worker")).hasSize(ids.size() + 1).contains("unparsable");
        }
        try (Env<byte[]> env = Env.create(PROXY_BA).setMaxDbs(16).open(oldDir.toFile())) {
            Dbi<byte[]> meta = env.openDbi("meta");
            try (Txn<byte[]> txn = env.txnRead()) {
                assertThat(ByteBuffer.wrap(meta.get(txn, "format".getBytes(UTF_8)))
                                .getLong())
                        .isEqualTo(LmdbLayout.FORMAT_VERSION);
            }
        }
    }

    @Test
    void aVersion2StoreIsUpgradedByNumberingItsTombstonesSoThatTheyCanBeDropped(@TempDir Path oldDir) {
        List<String> ids = List.of("wo-c", "wo-a", "wo-b");
        try (LmdbTcsStore old = LmdbTcsStore.open(oldDir, TEST_MAP_SIZE)) {
            for (String id : ids) {
                old.submit(id, "worker", requestHash(id, utf8(id)), utf8(id), 0);
                old.complete(completion(id, utf8("response"), 1));
            }
            assertThat(old.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE)).isEqualTo(3);
        }
        // As version 2 left it: every purged id marked 1, no tombstone order.
        setLayout(oldDir, 2, env -> {
            Dbi<byte[]> purgedIds = env.openDbi("purged-ids");
            Dbi<byte[]> tombstones = env.openDbi("tombstones");
            Dbi<byte[]> meta = env.openDbi("meta");
            return txn -> {
                ids.forEach(id -> purgedIds.put(txn, utf8(id), new byte[] {1}));
                tombstones.drop(txn, true);
                meta.delete(txn, "tombstones".getBytes(UTF_8));
            };
        });

        try (LmdbTcsStore upgraded = LmdbTcsStore.open(oldDir, TEST_MAP_SIZE)) {
            // Numbered in key order: wo-a and wo-b go first.
            assertThat(upgraded.dropTombstones(1)).isEqualTo(2);
            for (String id : ids) {
                assertThat(upgraded.submit(id, "worker", requestHash(id, utf8("new")), utf8("new"), 2))
                        .isEqualTo(id.equals("wo-c") ? SubmitResult.DUPLICATE : SubmitResult.ACCEPTED);
            }
        }
    }

    /** A WorkOrderSubmit request as the listener stores it (its crypto is never opened here). */
    private static byte[] submitRequest(String id) {
        return utf8("{\"jsonrpc\":\"2.0\",\"method\":\"WorkOrderSubmit\",\"id\":1,\"params\":{"
                + "\"workOrderId\":\""
                + id
                + "\",\"responseTimeoutMSecs\":6000,\"payloadFormat\":\"JSON-RPC\","
                + "\"requesterNonce\":\"00\",\"workloadId\":\"00\",\"workerId\":\"aa\","
                + "\"requesterId\":\"00\",\"sessionKeyIv\":\"000000000000000000000000\","
                + "\"encryptedSessionKey\":\"00\",\"encryptedRequestHash\":\"00\","
                + "\"inData\":[{\"index\":0,\"data\":\"\"}]}}");
    }

    /** The request hash the listener computes of {@link #submitRequest}. */
    private static byte[] listenersHash(String id) {
        return WorkOrderHashes.requestHash(
                Params.workOrderSubmit(ProtocolJson.parse(submitRequest(id)).get("params")));
    }

    @Test
    void aStoreWithAnotherLayoutVersionIsRefused(@TempDir Path otherDir) {
        LmdbTcsStore.open(otherDir).close();
        setLayout(otherDir, 99, env -> txn -> {});

        assertThatThrownBy(() -> LmdbTcsStore.open(otherDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("layout version 99");
    }

    /**
     * Sets the layout version of the closed store in {@code dir} after applying {@code change}'s
     * edit, in one transaction; {@code change} opens the tables it edits before it.
     */
    private static void setLayout(Path dir, long format, Function<Env<byte[]>, Consumer<Txn<byte[]>>> change) {
        try (Env<byte[]> env = Env.create(PROXY_BA).setMaxDbs(16).open(dir.toFile())) {
            Consumer<Txn<byte[]>> edit = change.apply(env);
            Dbi<byte[]> meta = env.openDbi("meta");
            try (Txn<byte[]> txn = env.txnWrite()) {
                edit.accept(txn);
                meta.put(
                        txn,
                        "format".getBytes(UTF_8),
                        ByteBuffer.allocate(8).putLong(format).array());
                txn.commit();
            }
        }
    }
}
