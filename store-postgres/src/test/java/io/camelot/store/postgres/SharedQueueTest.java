package io.camelot.store.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.scheduler.QueueSettings;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.scheduler.WorkOrderQueue.Admission;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared queue as several processes use it: each {@link SharedQueueWorker} and {@link
 * SharedWorkOrderQueue} here has its own pool, lease owner and LISTEN connection, as separate
 * processes would.
 */
class SharedQueueTest {
    static final String WORKER = "worker-a";
    static final Duration LONG_LEASE = Duration.ofSeconds(60);

    @RegisterExtension
    final ScratchDatabase db = new ScratchDatabase();

    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Set<String> receiptsAnnounced = ConcurrentHashMap.newKeySet();

    PostgresTcsStore store() {
        return db.store();
    }

    SharedWorkOrderQueue listener(long maxOutstanding) {
        QueueSettings defaults = QueueSettings.defaults();
        SharedWorkOrderQueue queue = new SharedWorkOrderQueue(
                new PostgresQueueTable(store()),
                new QueueSettings(
                        maxOutstanding,
                        defaults.retainCompleted(),
                        defaults.maxRetainedCompleted(),
                        defaults.purgeInterval()),
                Clock.systemUTC());
        db.track(queue);
        return queue;
    }

    SharedQueueWorker worker(Duration lease) {
        PostgresTcsStore store = store();
        SharedQueueWorker worker =
                new SharedQueueWorker(new PostgresQueueTable(store), WORKER, new CountingProcessor(store), 2, lease);
        db.track(worker);
        worker.start();
        return worker;
    }

    /** Completes each work order with "done <id>" and counts how often it ran. */
    final class CountingProcessor implements WorkOrderProcessor {
        final PostgresTcsStore store;

        CountingProcessor(PostgresTcsStore store) {
            this.store = store;
        }

        @Override
        public byte[] process(QueuedWorkOrder workOrder) {
            runs.computeIfAbsent(workOrder.workOrderId(), id -> new AtomicInteger())
                    .incrementAndGet();
            byte[] response = ("done " + workOrder.workOrderId()).getBytes(UTF_8);
            boolean stored =
                    store.complete(new TcsStore.Completion(workOrder.workOrderId(), response, 1, Map.of(), null));
            return stored ? response : null;
        }

        @Override
        public void receiptCreated(String workOrderId) {
            receiptsAnnounced.add(workOrderId);
        }
    }

    static byte[] request(String id) {
        return ("{\"id\":\"" + id + "\"}").getBytes(UTF_8);
    }

    /** The request hash of {@link #request}. */
    static byte[] hash(String id) {
        return Sha256.digest(request(id));
    }

    @Test
    void workOrdersOfAWorkerThatIsNotActiveFailWithoutRunning() throws Exception {
        PostgresTcsStore store = store();
        store.putWorker(
                WORKER, ProtocolJson.toBytes(new WorkerRecord(1, "org", "app", null, WorkerStatus.OFF_LINE.code())));
        SharedWorkOrderQueue queue = listener(100);
        assertThat(queue.submit("off", WORKER, null, hash("off"), request("off")))
                .isEqualTo(Admission.ACCEPTED);
        worker(LONG_LEASE);

        JsonNode error = ProtocolJson.parse(queue.completion("off").get(30, TimeUnit.SECONDS))
                .path("error");
        assertThat(error.path("code").asInt()).isEqualTo(1);
        assertThat(error.path("message").asText())
                .isEqualTo("Work order off cannot run: worker "
                        + WORKER
                        + " is OFF_LINE (status 2): it takes no work orders");
        assertThat(runs).isEmpty();
    }

    @Test
    void threeWorkerProcessesDrainOneQueueEachWorkOrderOnce() {
        SharedWorkOrderQueue queue = listener(10_000);
        List<SharedQueueWorker> workers = List.of(worker(LONG_LEASE), worker(LONG_LEASE), worker(LONG_LEASE));
        int count = 300;
        for (int i = 0; i < count; i++) {
            assertThat(queue.submit("wo-" + i, WORKER, null, hash("wo-" + i), request("wo-" + i)))
                    .isEqualTo(Admission.ACCEPTED);
        }

        PostgresTcsStore reader = store();
        await().atMost(Duration.ofSeconds(120)).until(() -> reader.pendingCount() == 0);
        assertThat(runs).hasSize(count);
        assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(reader.response("wo-7")).get().isEqualTo("done wo-7".getBytes(UTF_8));
        assertThat(workers).allSatisfy(worker -> assertThat(worker.busy()).isZero());
    }

    @Test
    void aCrashedProcessesWorkOrdersAreClaimedAgainExactlyOnceAfterItsLeaseExpires() throws Exception {
        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);
        for (int i = 0; i < 20; i++) {
            store.submit("wo-" + i, WORKER, hash("wo-" + i), request("wo-" + i), i);
        }
        // The "crashed" process claimed everything and then vanished without renewing.
        List<PostgresQueueTable.Claim> lost = table.claim(List.of(WORKER), "crashed", 100, Duration.ofSeconds(1));
        assertThat(lost).hasSize(20);
        assertThat(lost.stream().map(PostgresQueueTable.Claim::workOrderId))
                .containsExactlyElementsOf(store.pending(WORKER));
        assertThat(table.claim(List.of(WORKER), "other", 100, LONG_LEASE)).isEmpty();

        // After expiry, racing claimers split the work orders: none is claimed twice.
        // The crashed process's 1 s leases expire, by the database clock the claims use.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> table.queueDepth(WORKER).queued() == 20);
        List<Future<List<PostgresQueueTable.Claim>>> racers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < 4; r++) {
                String owner = "racer-" + r;
                racers.add(threads.submit(() -> table.claim(List.of(WORKER), owner, 7, LONG_LEASE)));
            }
        }
        List<String> reclaimed = new ArrayList<>();
        for (Future<List<PostgresQueueTable.Claim>> racer : racers) {
            for (PostgresQueueTable.Claim claim : racer.get(30, TimeUnit.SECONDS)) {
                reclaimed.add(claim.workOrderId());
                assertThat(claim.attempt()).isEqualTo(2);
            }
        }
        assertThat(reclaimed).doesNotHaveDuplicates().hasSize(20);
    }

    @Test
    void aWorkerProcessRecoversExpiredLeasesWithoutANewSubmission() {
        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);
        for (int i = 0; i < 5; i++) {
            store.submit("wo-" + i, WORKER, hash("wo-" + i), request("wo-" + i), i);
        }
        assertThat(table.claim(List.of(WORKER), "crashed", 5, Duration.ofMillis(500)))
                .hasSize(5);

        worker(Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(60)).until(() -> store.pendingCount() == 0);
        assertThat(runs).hasSize(5);
        assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void aRunningWorkOrdersLeaseIsRenewedSoNoOtherProcessTakesIt() throws Exception {
        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);
        store.submit("slow", WORKER, hash("slow"), request("slow"), 0);
        CompletableFuture<Void> release = new CompletableFuture<>();
        SharedQueueWorker slow = new SharedQueueWorker(
                table,
                WORKER,
                workOrder -> {
                    runs.computeIfAbsent(workOrder.workOrderId(), id -> new AtomicInteger())
                            .incrementAndGet();
                    release.join();
                    return null;
                },
                1,
                Duration.ofMillis(600));
        db.track(slow);
        slow.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.busy() == 1);

        // Several lease lengths later the work order is still held by the slow process.
        Thread.sleep(2_000);
        assertThat(table.claim(List.of(WORKER), "other", 1, LONG_LEASE)).isEmpty();
        release.complete(null);
        assertThat(runs.get("slow").get()).isEqualTo(1);
    }

    @Test
    void aListenerLearnsOfCompletionsMadeByAnotherProcess() throws Exception {
        SharedWorkOrderQueue queue = listener(10_000);
        queue.submit("wo-1", WORKER, null, hash("wo-1"), request("wo-1"));
        CompletableFuture<byte[]> completion = queue.completion("wo-1");
        assertThat(completion).isNotDone();

        worker(LONG_LEASE);

        assertThat(completion.get(60, TimeUnit.SECONDS)).isEqualTo("done wo-1".getBytes(UTF_8));
        assertThat(queue.completion("wo-1")).isDone();
        assertThat(queue.completion("wo-1").get()).isEqualTo("done wo-1".getBytes(UTF_8));
    }

    @Test
    void aReceiptCreatedThroughAListenerReachesTheWorkerProcess() {
        SharedWorkOrderQueue queue = listener(10_000);
        worker(LONG_LEASE);
        queue.submit("wo-1", WORKER, null, hash("wo-1"), request("wo-1"));
        PostgresTcsStore reader = store();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> reader.response("wo-1").isPresent());

        reader.createReceipt("wo-1", "create".getBytes(UTF_8));
        queue.receiptCreated("wo-1");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiptsAnnounced.contains("wo-1"));
    }

    @Test
    void admissionCountsPendingWorkOrdersOfAllListeners() {
        SharedWorkOrderQueue first = listener(5);
        for (int i = 0; i < 5; i++) {
            assertThat(first.submit("wo-" + i, WORKER, null, hash("wo-" + i), request("wo-" + i)))
                    .isEqualTo(Admission.ACCEPTED);
        }
        assertThat(first.submit("wo-5", WORKER, null, hash("wo-5"), request("wo-5")))
                .isEqualTo(Admission.BUSY);
        assertThat(first.submit("wo-0", WORKER, null, hash("wo-0"), request("wo-0")))
                .isEqualTo(Admission.BUSY);

        // A listener started later counts the same database.
        SharedWorkOrderQueue second = listener(5);
        assertThat(second.submit("wo-6", WORKER, null, hash("wo-6"), request("wo-6")))
                .isEqualTo(Admission.BUSY);
        assertThat(new HashSet<>(store().pending(WORKER))).hasSize(5);
    }

    @Test
    void aWorkerIsServedWhileAProcessHeartbeatsOnItAndNotOnceItStopsOrItsHeartbeatLapses() {
        assertThat(listener(10).serves(WORKER)).isFalse();
        PostgresTcsStore store = store();
        try (SharedQueueWorker process = new SharedQueueWorker(
                new PostgresQueueTable(store), WORKER, new CountingProcessor(store), 1, LONG_LEASE)) {
            process.start();
            assertThat(listener(10).serves(WORKER)).isTrue();
            assertThat(listener(10).serves("worker-b")).isFalse();
        }
        // Stopped: withdrawn at once (a new listener remembers no earlier answer).
        assertThat(listener(10).serves(WORKER)).isFalse();

        // A process that died without withdrawing: served until its heartbeat lapses.
        PostgresQueueTable table = new PostgresQueueTable(store);
        table.serve(WORKER, "crashed", Duration.ofSeconds(1));
        assertThat(listener(10).serves(WORKER)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !listener(10).serves(WORKER));
    }

    @Test
    void aVersionFourDatabaseIsUpgradedInPlaceAndItsWorkersServed() throws Exception {
        try (var c = db.connection()) {
            OldLayouts.create(c, 4);
        }
        worker(LONG_LEASE);
        assertThat(listener(10).serves(WORKER)).isTrue();
    }

    @Test
    void aWorkerProcessRecordsQueueWaitLatencyAndItsWorkersDepth() {
        PostgresTcsStore store = store();
        for (int i = 0; i < 3; i++) {
            store.submit("wo-" + i, WORKER, hash("wo-" + i), request("wo-" + i), System.currentTimeMillis());
        }
        MeterRegistry meters = new SimpleMeterRegistry();
        SharedQueueWorker process = db.track(new SharedQueueWorker(
                new PostgresQueueTable(store), WORKER, new CountingProcessor(store), 1, LONG_LEASE, meters));
        assertThat(meters.get("camelot.queue.depth")
                        .tag("worker", WORKER)
                        .gauge()
                        .value())
                .isEqualTo(3);

        process.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> store.pendingCount() == 0);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> meters.get("camelot.workorder.latency").timer().count() == 3);
        assertThat(meters.get("camelot.workorder.stage")
                        .tag("stage", "queue_wait")
                        .timer()
                        .count())
                .isEqualTo(3);
        assertThat(meters.get("camelot.queue.depth")
                        .tag("worker", WORKER)
                        .gauge()
                        .value())
                .isZero();
    }
}
