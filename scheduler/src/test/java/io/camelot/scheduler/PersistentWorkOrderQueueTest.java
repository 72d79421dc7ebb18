package io.camelot.scheduler;

import static io.camelot.scheduler.WorkOrderQueueContractTest.bytesCapped;
import static io.camelot.scheduler.WorkOrderQueueContractTest.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentWorkOrderQueueTest {
    static final long MAP_SIZE = 64L << 20;

    @TempDir
    Path dir;

    TcsStore store;
    PersistentWorkOrderQueue queue;
    final List<String> processed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = LmdbTcsStore.open(dir, MAP_SIZE);
        queue = new PersistentWorkOrderQueue(store, settings(100), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        queue.close();
        store.close();
    }

    static QueueSettings settings(long maxOutstanding) {
        return new QueueSettings(maxOutstanding, Duration.ofHours(1), 1000, Duration.ofMinutes(10));
    }

    /** Completes each work order with the response "done:<id>", recording the order it ran in. */
    WorkOrderProcessor recordingProcessor() {
        return workOrder -> {
            processed.add(workOrder.workOrderId());
            byte[] response = ("done:" + workOrder.workOrderId()).getBytes(StandardCharsets.UTF_8);
            boolean stored = store.complete(
                    new TcsStore.Completion(workOrder.workOrderId(), response, 1, Map.of(), (c, u) -> null));
            return stored ? response : null;
        };
    }

    static byte[] raw(String id) {
        return ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The request hash of {@link #raw}. */
    static byte[] hash(String id) {
        return Sha256.digest(raw(id));
    }

    @Test
    void handsWorkOrdersToTheWorkerInSubmissionOrderAndSignalsCompletion() throws Exception {
        queue.attach("w1", recordingProcessor(), 1);
        for (int i = 0; i < 50; i++) {
            assertThat(queue.submit("wo" + i, "w1", null, hash("wo" + i), raw("wo" + i)))
                    .isEqualTo(WorkOrderQueue.Admission.ACCEPTED);
        }
        byte[] last = queue.completion("wo49").get(10, TimeUnit.SECONDS);

        assertThat(new String(last, StandardCharsets.UTF_8)).isEqualTo("done:wo49");
        assertThat(processed)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50)
                        .mapToObj(i -> "wo" + i)
                        .toList());
        assertThat(queue.completion("wo3").isDone()).isTrue();
        await().until(() -> queue.outstanding() == 0);
    }

    @Test
    void workOrdersOfAWorkerThatIsNoLongerActiveFailWithoutRunning() throws Exception {
        store.putWorker("w1", ProtocolJson.toBytes(record(WorkerStatus.ACTIVE)));
        queue.submit("before", "w1", null, hash("before"), raw("before"));
        // Marked after the work order was queued, before any worker ran it (a restart, a late attach).
        store.putWorker("w1", ProtocolJson.toBytes(record(WorkerStatus.COMPROMISED)));
        queue.attach("w1", recordingProcessor(), 1);
        queue.submit("after", "w1", null, hash("after"), raw("after"));

        for (String id : List.of("before", "after")) {
            JsonNode error = ProtocolJson.parse(queue.completion(id).get(10, TimeUnit.SECONDS))
                    .path("error");
            assertThat(error.path("code").asInt()).isEqualTo(1);
            assertThat(error.path("message").asText())
                    .isEqualTo("Work order "
                            + id
                            + " cannot run: worker w1 is COMPROMISED (status 4): it takes no work orders");
        }
        assertThat(processed).isEmpty();
        await().until(() -> queue.outstanding() == 0);

        store.putWorker("w1", ProtocolJson.toBytes(record(WorkerStatus.ACTIVE)));
        queue.submit("again", "w1", null, hash("again"), raw("again"));
        assertThat(queue.completion("again").get(10, TimeUnit.SECONDS))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("done:again");
    }

    @Test
    void workOrdersThatNoWorkerTakesWithinThePendingTimeoutFailUnrun() throws Exception {
        useQueue(Duration.ofSeconds(1));
        store.putWorker("w1", ProtocolJson.toBytes(record(WorkerStatus.ACTIVE)));
        queue.submit("stale", "w1", null, hash("stale"), raw("stale"));

        JsonNode error = ProtocolJson.parse(queue.completion("stale").get(10, TimeUnit.SECONDS))
                .path("error");
        assertThat(error.path("code").asInt()).isEqualTo(1);
        assertThat(error.path("message").asText())
                .matches("Work order stale cannot run: it expired after \\d+ s waiting for worker w1");
        assertThat(queue.outstanding()).isZero();
        queue.attach("w1", recordingProcessor(), 1);
        assertThat(store.pending("w1")).isEmpty();
        assertThat(processed).isEmpty();
    }

    @Test
    void aLanesBacklogExpiresWhenItsTurnComesAndRunningWorkOrdersFinish() throws Exception {
        useQueue(Duration.ofSeconds(1));
        CountDownLatch release = new CountDownLatch(1);
        WorkOrderProcessor recording = recordingProcessor();
        queue.attach(
                "w1",
                workOrder -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return recording.process(workOrder);
                },
                1);
        queue.submit("running", "w1", null, hash("running"), raw("running"));
        queue.submit("waiting", "w1", null, hash("waiting"), raw("waiting"));
        Thread.sleep(1_500);
        release.countDown();

        assertThat(queue.completion("running").get(10, TimeUnit.SECONDS))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("done:running");
        JsonNode error = ProtocolJson.parse(queue.completion("waiting").get(10, TimeUnit.SECONDS))
                .path("error");
        assertThat(error.path("message").asText()).startsWith("Work order waiting cannot run: it expired after ");
        assertThat(processed).containsExactly("running");
    }

    @Test
    void aPendingTimeoutOfZeroNeverExpires() throws Exception {
        // Received two hours before a restart: the default timeout (one hour) would expire it.
        store.putWorker("w1", ProtocolJson.toBytes(record(WorkerStatus.ACTIVE)));
        store.submit(
                "patient",
                "w1",
                hash("patient"),
                raw("patient"),
                System.currentTimeMillis() - Duration.ofHours(2).toMillis());
        useQueue(Duration.ZERO);
        queue.attach("w1", recordingProcessor(), 1);
        assertThat(queue.completion("patient").get(10, TimeUnit.SECONDS))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("done:patient");
    }

    /**
     * Replaces the queue with one whose pending timeout is {@code pendingTimeout} (purge: hourly).
     */
    void useQueue(Duration pendingTimeout) {
        queue.close();
        queue = new PersistentWorkOrderQueue(
                store,
                new QueueSettings(100, Duration.ofHours(1), 1000, Duration.ofHours(1), pendingTimeout),
                Clock.systemUTC());
    }

    /** Completed work orders expire at once and are purged every 20 ms, down to {@code maxRetained}. */
    static QueueSettings purgingEvery20Ms(long maxRetained, Duration minRetention) {
        return purgingEvery20Ms(maxRetained, minRetention, QueueSettings.DEFAULT_MAX_TOMBSTONES);
    }

    /** As {@link #purgingEvery20Ms(long, Duration)}, keeping at most {@code maxTombstones} purged ids. */
    static QueueSettings purgingEvery20Ms(long maxRetained, Duration minRetention, long maxTombstones) {
        return new QueueSettings(
                100,
                Duration.ZERO,
                maxRetained,
                Duration.ofMillis(20),
                QueueSettings.DEFAULT_PENDING_TIMEOUT,
                minRetention,
                QueueSettings.DEFAULT_MAX_OUTSTANDING_BYTES,
                maxTombstones);
    }

    static WorkerRecord record(WorkerStatus status) {
        return new WorkerRecord(1, "org", "app", null, status.code());
    }

    @Test
    void duplicateIdsAndReplayedRequestsAreRefusedAndFullQueuesAreBusy() {
        queue.close();
        MeterRegistry meters = new SimpleMeterRegistry();
        queue = new PersistentWorkOrderQueue(store, settings(2), Clock.systemUTC(), meters);
        assertThat(queue.submit("a", "unattached", null, hash("a"), raw("a")))
                .isEqualTo(WorkOrderQueue.Admission.ACCEPTED);
        assertThat(queue.submit("a", "unattached", null, hash("a"), raw("a")))
                .isEqualTo(WorkOrderQueue.Admission.IDENTICAL);
        assertThat(queue.submit("a", "unattached", null, hash("a again"), raw("a")))
                .isEqualTo(WorkOrderQueue.Admission.DUPLICATE);
        assertThat(queue.submit("a2", "unattached", null, hash("a"), raw("a")))
                .isEqualTo(WorkOrderQueue.Admission.REPLAYED);
        assertThat(queue.submit("b", "unattached", null, hash("b"), raw("b")))
                .isEqualTo(WorkOrderQueue.Admission.ACCEPTED);
        assertThat(queue.submit("c", "unattached", null, hash("c"), raw("c"))).isEqualTo(WorkOrderQueue.Admission.BUSY);
        assertThat(store.request("a2")).isEmpty();
        assertThat(store.request("c")).isEmpty();
        assertThat(queue.outstanding()).isEqualTo(2);
        assertThat(rejected(meters, "duplicate")).isEqualTo(2);
        assertThat(rejected(meters, "replay")).isEqualTo(1);
    }

    @Test
    void aNearlyFullStoreRefusesSubmitsAsBusyAndFreesTheSlot(@TempDir Path smallDir) {
        MeterRegistry meters = new SimpleMeterRegistry();
        // 1 % of a 1 MiB map is 2 pages: the first work order's tables take more.
        try (TcsStore small = LmdbTcsStore.open(smallDir, 1L << 20, 1);
                PersistentWorkOrderQueue smallQueue =
                        new PersistentWorkOrderQueue(small, settings(100), Clock.systemUTC(), meters)) {
            assertThat(smallQueue.submit("a", "unattached", null, hash("a"), raw("a")))
                    .isEqualTo(WorkOrderQueue.Admission.ACCEPTED);
            assertThat(smallQueue.submit("b", "unattached", null, hash("b"), raw("b")))
                    .isEqualTo(WorkOrderQueue.Admission.STORE_FULL);
            assertThat(small.request("b")).isEmpty();
            assertThat(smallQueue.outstanding()).isEqualTo(1);
            assertThat(rejected(meters, "busy")).isEqualTo(1);
        }
    }

    @Test
    void outstandingRequestBytesBeyondTheCapAreBusyUntilWorkOrdersComplete() {
        queue.close();
        MeterRegistry meters = new SimpleMeterRegistry();
        int size = raw("a").length;
        queue = new PersistentWorkOrderQueue(store, bytesCapped(2L * size), Clock.systemUTC(), meters);
        assertThat(queue.submit("a", "w1", null, hash("a"), raw("a"))).isEqualTo(WorkOrderQueue.Admission.ACCEPTED);
        assertThat(queue.submit("b", "w1", null, hash("b"), raw("b"))).isEqualTo(WorkOrderQueue.Admission.ACCEPTED);
        assertThat(queue.submit("c", "w1", null, hash("c"), raw("c"))).isEqualTo(WorkOrderQueue.Admission.BUSY);
        assertThat(store.request("c")).isEmpty();
        assertThat(queue.outstanding()).isEqualTo(2);
        assertThat(rejected(meters, "busy")).isEqualTo(1);

        queue.attach("w1", recordingProcessor(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.outstanding() == 0);

        assertThat(queue.submit("c", "w1", null, hash("c"), raw("c"))).isEqualTo(WorkOrderQueue.Admission.ACCEPTED);
    }

    @Test
    void workOrdersAcknowledgedBeforeARestartAreProcessedExactlyOnceAfterIt() throws Exception {
        for (int i = 0; i < 20; i++) {
            queue.submit("r" + i, "w1", null, hash("r" + i), raw("r" + i));
        }
        // "Crash": nothing was attached, so nothing ran; reopen everything from disk.
        queue.close();
        store.close();
        store = LmdbTcsStore.open(dir, MAP_SIZE);
        queue = new PersistentWorkOrderQueue(store, settings(100), Clock.systemUTC());
        assertThat(queue.outstanding()).isEqualTo(20);

        queue.attach("w1", recordingProcessor(), 3);
        queue.completion("r19").get(10, TimeUnit.SECONDS);
        await().until(() -> queue.outstanding() == 0);

        assertThat(processed).hasSize(20).doesNotHaveDuplicates();
        for (int i = 0; i < 20; i++) {
            assertThat(store.response("r" + i))
                    .hasValueSatisfying(r -> assertThat(r).isNotEmpty());
        }
        assertThat(store.pending("w1")).isEmpty();
    }

    @Test
    void completionListenersHearEveryCompletionAfterItIsDurable() throws Exception {
        CountDownLatch heard = new CountDownLatch(3);
        queue.addCompletionListener((workOrder, response) -> {
            assertThat(store.response(workOrder.workOrderId())).isPresent();
            heard.countDown();
        });
        queue.attach("w1", recordingProcessor(), 2);
        for (String id : List.of("x", "y", "z")) {
            queue.submit(id, "w1", null, hash(id), raw(id));
        }
        assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aProcessorFailureLeavesTheWorkOrderPendingForRecovery() throws Exception {
        CountDownLatch attempted = new CountDownLatch(1);
        queue.attach(
                "w1",
                workOrder -> {
                    attempted.countDown();
                    throw new IllegalStateException("disk on fire");
                },
                1);
        queue.submit("f", "w1", null, hash("f"), raw("f"));
        assertThat(attempted.await(10, TimeUnit.SECONDS)).isTrue();
        await().until(() -> store.pending("w1").contains("f"));
        assertThat(queue.completion("f").isDone()).isFalse();
        assertThat(queue.outstanding()).isEqualTo(1);
    }

    @Test
    void purgeRemovesOldCompletedWorkOrders() {
        queue.close();
        queue = new PersistentWorkOrderQueue(store, purgingEvery20Ms(1000, Duration.ZERO), Clock.systemUTC());
        queue.attach("w1", recordingProcessor(), 1);
        queue.submit("old", "w1", null, hash("old"), raw("old"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.workOrder("old").isEmpty());
        assertThat(store.request("old")).isEmpty();
    }

    @Test
    void purgeForgetsTheOldestTombstonesBeyondTheCapButReplaysStayRefused() {
        queue.close();
        queue = new PersistentWorkOrderQueue(store, purgingEvery20Ms(1000, Duration.ZERO, 1), Clock.systemUTC());
        queue.attach("w1", recordingProcessor(), 1);
        queue.submit("first", "w1", null, hash("first"), raw("first"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.workOrder("first").isEmpty());
        queue.submit("second", "w1", null, hash("second"), raw("second"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.workOrder("second").isEmpty());

        // "first"'s tombstone went, "second"'s is the one kept; the same request stays refused by its hash.
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        store.submit("first", "w1", hash("again"), raw("again"), 0) == TcsStore.SubmitResult.ACCEPTED);
        assertThat(queue.submit("second", "w1", null, hash("other"), raw("other")))
                .isEqualTo(WorkOrderQueue.Admission.DUPLICATE);
        assertThat(queue.submit("replay", "w1", null, hash("second"), raw("second")))
                .isEqualTo(WorkOrderQueue.Admission.REPLAYED);
    }

    @Test
    void purgeKeepsWorkOrdersYoungerThanTheRetentionFloor() throws Exception {
        queue.close();
        queue = new PersistentWorkOrderQueue(store, purgingEvery20Ms(0, Duration.ofHours(1)), Clock.systemUTC());
        // Completed now, unlike recordingProcessor's work orders (at time 1).
        queue.attach(
                "w1",
                workOrder -> {
                    byte[] response = "done".getBytes(StandardCharsets.UTF_8);
                    store.complete(new TcsStore.Completion(
                            workOrder.workOrderId(), response, System.currentTimeMillis(), Map.of(), null));
                    return response;
                },
                1);
        queue.submit("fresh", "w1", null, hash("fresh"), raw("fresh"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.response("fresh").isPresent());
        // Several purge rounds, each of which would remove it by age and by count.
        Thread.sleep(200);
        assertThat(store.response("fresh")).isPresent();
    }
}
