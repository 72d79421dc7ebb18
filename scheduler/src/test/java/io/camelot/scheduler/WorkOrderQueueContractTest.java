package io.camelot.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.scheduler.WorkOrderQueue.Admission;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every durable {@link WorkOrderQueue} does, whatever runs its work orders: admission with its
 * refusals (by count and by bytes), meters and admission listeners, which workers it serves,
 * hand-off to the worker in submission order, completion events, declared dependencies, and the
 * pending timeout. Subclasses run it against the single-node queue (LMDB) and the shared one
 * (PostgreSQL); each test gets a new, empty store.
 */
public abstract class WorkOrderQueueContractTest {
    /** How long a test waits for a work order to complete. */
    protected static final Duration WAIT = Duration.ofSeconds(60);

    private final List<String> processed = new CopyOnWriteArrayList<>();

    /** The store the queues under test keep their work orders in. */
    protected abstract TcsStore store();

    /** A new queue on {@link #store()}; the subclass closes it after the test. */
    protected abstract WorkOrderQueue queue(QueueSettings settings, MeterRegistry registry);

    protected abstract void addAdmissionListener(WorkOrderQueue queue, AdmissionListener listener);

    /**
     * Runs {@code workerId}'s work orders, queued before and after, one at a time with {@code
     * processor}.
     */
    protected abstract void attach(WorkOrderQueue queue, String workerId, WorkOrderProcessor processor);

    protected static QueueSettings settings(long maxOutstanding) {
        return new QueueSettings(maxOutstanding, Duration.ofHours(1), 1000, Duration.ofMinutes(10));
    }

    /** {@link #settings settings(100)} with at most {@code maxOutstandingBytes} of requests pending. */
    protected static QueueSettings bytesCapped(long maxOutstandingBytes) {
        return new QueueSettings(
                100,
                Duration.ofHours(1),
                1000,
                Duration.ofMinutes(10),
                QueueSettings.DEFAULT_PENDING_TIMEOUT,
                QueueSettings.DEFAULT_MIN_RETENTION,
                maxOutstandingBytes,
                QueueSettings.DEFAULT_MAX_TOMBSTONES);
    }

    protected static byte[] raw(String id) {
        return ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** How many submissions {@code meters} counted as rejected for {@code reason}. */
    protected static double rejected(MeterRegistry meters, String reason) {
        return meters.get("camelot.workorders.rejected")
                .tag("reason", reason)
                .counter()
                .count();
    }

    /** The request hash of {@link #raw}. */
    protected static byte[] hash(String id) {
        return Sha256.digest(raw(id));
    }

    /** The result a work order completed by {@link #recordingProcessor} answers. */
    private static String done(String id) {
        return "{\"result\":\"done:" + id + "\"}";
    }

    /**
     * Completes each work order with {@link #done}, or with error code 1 if its id starts with "bad",
     * recording the order they ran in.
     */
    private WorkOrderProcessor recordingProcessor() {
        return workOrder -> {
            String id = workOrder.workOrderId();
            processed.add(id);
            String body = id.startsWith("bad") ? "{\"error\":{\"code\":1,\"message\":\"planned failure\"}}" : done(id);
            byte[] response = body.getBytes(StandardCharsets.UTF_8);
            return store().complete(new TcsStore.Completion(id, response, 1, Map.of(), null)) ? response : null;
        };
    }

    /** Settings whose pending timeout is {@code pendingTimeout} (purge: hourly). */
    private static QueueSettings expiringAfter(Duration pendingTimeout) {
        return new QueueSettings(100, Duration.ofHours(1), 1000, Duration.ofHours(1), pendingTimeout);
    }

    private void registerActive(String workerId) {
        store().putWorker(
                        workerId,
                        ProtocolJson.toBytes(new WorkerRecord(1, "org", "app", null, WorkerStatus.ACTIVE.code())));
    }

    private static double outstanding(MeterRegistry meters) {
        return meters.get("camelot.queue.outstanding").gauge().value();
    }

    private static String text(WorkOrderQueue queue, String id) throws Exception {
        return new String(queue.completion(id).get(WAIT.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }

    private static WorkOrderSubmitParams after(String id, String... predecessors) {
        return DependencyPlans.signed(
                id, new Dependencies(List.of(predecessors), null, null, null), DependencyPlans.REQUESTER);
    }

    @Test
    void admittedWorkOrdersRunInSubmissionOrderAndTheirCompletionsResolve() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        WorkOrderQueue queue = queue(settings(100), meters);
        List<String> admitted = new CopyOnWriteArrayList<>();
        addAdmissionListener(queue, (id, workerId) -> admitted.add(id + "@" + workerId));
        attach(queue, "w1", recordingProcessor());
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> "wo" + i).toList();
        for (String id : ids) {
            assertThat(queue.submit(id, "w1", null, hash(id), raw(id))).isEqualTo(Admission.ACCEPTED);
        }

        assertThat(text(queue, "wo19")).isEqualTo(done("wo19"));
        await().atMost(WAIT).until(() -> processed.size() == ids.size());
        assertThat(processed).containsExactlyElementsOf(ids);
        assertThat(queue.completion("wo3")).isDone();
        assertThat(text(queue, "wo3")).isEqualTo(done("wo3"));
        assertThat(admitted)
                .containsExactlyElementsOf(ids.stream().map(id -> id + "@w1").toList());
        assertThat(meters.get("camelot.workorders.submitted").counter().count()).isEqualTo(ids.size());
        await().atMost(WAIT)
                .until(() -> meters.get("camelot.workorder.latency").timer().count() == ids.size());
    }

    @Test
    void workOrdersQueuedBeforeTheirWorkerAttachesRunOnceWhenItDoes() throws Exception {
        WorkOrderQueue queue = queue(settings(100), new SimpleMeterRegistry());
        for (int i = 0; i < 5; i++) {
            queue.submit("early" + i, "w1", null, hash("early" + i), raw("early" + i));
        }
        assertThat(queue.completion("early4")).isNotDone();

        attach(queue, "w1", recordingProcessor());

        assertThat(text(queue, "early4")).isEqualTo(done("early4"));
        await().atMost(WAIT).until(() -> store().pending("w1").isEmpty());
        assertThat(processed).containsExactly("early0", "early1", "early2", "early3", "early4");
    }

    @Test
    void knownIdsReplayedRequestsAndAFullQueueAreRefusedCountedAndNotAnnounced() {
        MeterRegistry meters = new SimpleMeterRegistry();
        WorkOrderQueue queue = queue(settings(2), meters);
        List<String> admitted = new CopyOnWriteArrayList<>();
        addAdmissionListener(queue, (id, workerId) -> admitted.add(id));

        assertThat(queue.submit("a", "unattached", null, hash("a"), raw("a"))).isEqualTo(Admission.ACCEPTED);
        assertThat(queue.submit("a", "unattached", null, hash("a"), raw("a"))).isEqualTo(Admission.IDENTICAL);
        assertThat(queue.submit("a", "unattached", null, hash("a again"), raw("a")))
                .isEqualTo(Admission.DUPLICATE);
        assertThat(queue.submit("a2", "unattached", null, hash("a"), raw("a"))).isEqualTo(Admission.REPLAYED);
        assertThat(queue.submit("b", "unattached", null, hash("b"), raw("b"))).isEqualTo(Admission.ACCEPTED);
        assertThat(queue.submit("c", "unattached", null, hash("c"), raw("c"))).isEqualTo(Admission.BUSY);

        assertThat(store().request("a2")).isEmpty();
        assertThat(store().request("c")).isEmpty();
        assertThat(admitted).containsExactly("a", "b");
        assertThat(meters.get("camelot.workorders.submitted").counter().count()).isEqualTo(2);
        assertThat(rejected(meters, "duplicate")).isEqualTo(2);
        assertThat(rejected(meters, "replay")).isEqualTo(1);
        assertThat(rejected(meters, "busy")).isEqualTo(1);
        assertThat(meters.get("camelot.queue.outstanding").gauge().value()).isEqualTo(2);
    }

    @Test
    void theCompletionOfAnUnknownWorkOrderNeverCompletes() {
        WorkOrderQueue queue = queue(settings(100), new SimpleMeterRegistry());
        assertThat(queue.completion("nobody")).isNotDone();
    }

    @Test
    void aProcessorFailureLeavesTheWorkOrderPending() throws Exception {
        WorkOrderQueue queue = queue(settings(100), new SimpleMeterRegistry());
        CountDownLatch attempted = new CountDownLatch(1);
        attach(queue, "w1", workOrder -> {
            attempted.countDown();
            throw new IllegalStateException("disk on fire");
        });
        queue.submit("f", "w1", null, hash("f"), raw("f"));

        assertThat(attempted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(store().pending("w1")).containsExactly("f");
        assertThat(queue.completion("f")).isNotDone();
    }

    @Test
    void aSuccessorRunsAfterItsPredecessorAndFailsUnrunIfItFailed() throws Exception {
        WorkOrderQueue queue = queue(settings(100), new SimpleMeterRegistry());
        attach(queue, "w1", recordingProcessor());
        queue.submit("good", "w1", null, hash("good"), raw("good"));
        queue.submit("bad", "w1", null, hash("bad"), raw("bad"));
        queue.submit("afterGood", "w1", after("afterGood", "good"), hash("afterGood"), raw("afterGood"));
        queue.submit("afterBad", "w1", after("afterBad", "bad"), hash("afterBad"), raw("afterBad"));

        assertThat(text(queue, "afterGood")).isEqualTo(done("afterGood"));
        JsonNode error = ProtocolJson.parse(queue.completion("afterBad").get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .path("error");
        assertThat(error.path("code").asInt()).isEqualTo(1);
        assertThat(error.path("message").asText())
                .isEqualTo(
                        "Work order afterBad cannot run: predecessor work order bad failed: code 1, planned failure");
        assertThat(processed).containsExactly("good", "bad", "afterGood");
    }

    @Test
    void unknownPredecessorsAndUnverifiedResourcesAreRefusedWithCodeTwoAndNothingIsStored() {
        WorkOrderQueue queue = queue(settings(100), new SimpleMeterRegistry());
        assertThatThrownBy(() -> queue.submit("late", "w1", after("late", "feed"), hash("late"), raw("late")))
                .isInstanceOf(EeaException.class)
                .hasMessageContaining("unknown predecessor work order feed")
                .satisfies(e -> assertThat(((EeaException) e).code()).isEqualTo(2));
        DependencyPlans.assertResourcesNeedAVerifiedSignature(
                (id, params) -> queue.submit(id, "w1", params, hash(id), raw(id)),
                new Dependencies(null, null, List.of("wallet:alice"), null));

        for (String id : List.of("late", "unsigned", "forged")) {
            assertThat(store().workOrder(id)).isEmpty();
        }
    }

    @Test
    void servesOnlyWorkersWhoseWorkOrdersAProcessorTakes() {
        WorkOrderQueue queue = queue(settings(100), new SimpleMeterRegistry());
        assertThat(queue.serves("w1")).isFalse();
        attach(queue, "w1", recordingProcessor());
        assertThat(queue.serves("w1")).isTrue();
        assertThat(queue.serves("w2")).isFalse();
    }

    @Test
    void outstandingRequestBytesBeyondTheCapAreBusyUntilWorkOrdersComplete() {
        MeterRegistry meters = new SimpleMeterRegistry();
        int size = raw("a").length;
        WorkOrderQueue queue = queue(bytesCapped(2L * size), meters);
        assertThat(queue.submit("a", "w1", null, hash("a"), raw("a"))).isEqualTo(Admission.ACCEPTED);
        assertThat(queue.submit("b", "w1", null, hash("b"), raw("b"))).isEqualTo(Admission.ACCEPTED);
        assertThat(queue.submit("c", "w1", null, hash("c"), raw("c"))).isEqualTo(Admission.BUSY);
        assertThat(store().request("c")).isEmpty();
        assertThat(outstanding(meters)).isEqualTo(2);
        assertThat(rejected(meters, "busy")).isEqualTo(1);

        attach(queue, "w1", recordingProcessor());
        await().atMost(WAIT).until(() -> outstanding(meters) == 0);

        assertThat(queue.submit("c", "w1", null, hash("c"), raw("c"))).isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void workOrdersThatNoWorkerTakesWithinThePendingTimeoutFailUnrun() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        WorkOrderQueue queue = queue(expiringAfter(Duration.ofSeconds(1)), meters);
        registerActive("w1");
        queue.submit("stale", "w1", null, hash("stale"), raw("stale"));

        JsonNode error = ProtocolJson.parse(queue.completion("stale").get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .path("error");
        assertThat(error.path("code").asInt()).isEqualTo(1);
        assertThat(error.path("message").asText())
                .matches("Work order stale cannot run: it expired after \\d+ s waiting for worker w1");
        await().atMost(WAIT).until(() -> outstanding(meters) == 0);
        attach(queue, "w1", recordingProcessor());
        assertThat(store().pending("w1")).isEmpty();
        assertThat(processed).isEmpty();
    }

    @Test
    void aBusyWorkersBacklogExpiresWithItsReceiptUpdateAndRunningWorkOrdersFinish() throws Exception {
        WorkOrderQueue queue = queue(expiringAfter(Duration.ofSeconds(1)), new SimpleMeterRegistry());
        registerActive("w1");
        CountDownLatch release = new CountDownLatch(1);
        List<String> receiptsAppended = new CopyOnWriteArrayList<>();
        WorkOrderProcessor recording = recordingProcessor();
        attach(queue, "w1", new WorkOrderProcessor() {
            @Override
            public byte[] process(QueuedWorkOrder workOrder) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return recording.process(workOrder);
            }

            @Override
            public void receiptCreated(String workOrderId) {
                receiptsAppended.add(workOrderId);
            }
        });
        queue.submit("running", "w1", null, hash("running"), raw("running"));
        queue.submit("waiting", "w1", null, hash("waiting"), raw("waiting"));
        // Past the timeout and two checks of it: a queue that sweeps has failed "waiting" by now.
        Thread.sleep(3_000);
        release.countDown();

        assertThat(text(queue, "running")).isEqualTo(done("running"));
        JsonNode error = ProtocolJson.parse(queue.completion("waiting").get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .path("error");
        assertThat(error.path("code").asInt()).isEqualTo(1);
        assertThat(error.path("message").asText()).startsWith("Work order waiting cannot run: it expired after ");
        await().atMost(WAIT).until(() -> receiptsAppended.contains("waiting"));
        assertThat(processed).containsExactly("running");
    }
}
