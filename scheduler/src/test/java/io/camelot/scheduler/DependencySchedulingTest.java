package io.camelot.scheduler;

import static io.camelot.scheduler.DependencyPlans.REQUESTER;
import static io.camelot.scheduler.DependencyPlans.WORKERS;
import static io.camelot.scheduler.DependencyPlans.assertOutcomes;
import static io.camelot.scheduler.DependencyPlans.conflict;
import static io.camelot.scheduler.DependencyPlans.randomPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.DependencyPlans.Planned;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency gate driven through the queue with two workers: ordering, resource exclusion,
 * failure propagation and refusal of unknown predecessors, under random plans and schedules.
 */
class DependencySchedulingTest {
    @TempDir
    Path dir;

    TcsStore store;
    PersistentWorkOrderQueue queue;
    final Observer observer = new Observer();

    @BeforeEach
    void open() {
        store = LmdbTcsStore.open(dir, 256L << 20);
        queue = new PersistentWorkOrderQueue(
                store,
                new QueueSettings(100_000, Duration.ofHours(1), 1_000_000, Duration.ofMinutes(10)),
                Clock.systemUTC());
        for (String worker : WORKERS) {
            queue.attach(worker, observer, 4);
        }
    }

    @AfterEach
    void close() {
        queue.close();
        store.close();
    }

    /**
     * Runs planned work orders, checking at each start that its predecessors succeeded and that no
     * conflicting work order is running; failing those planned to fail.
     */
    final class Observer implements WorkOrderProcessor {
        final DependencyPlans.Checker checker = new DependencyPlans.Checker();
        final AtomicInteger delaySeed = new AtomicInteger();

        @Override
        public byte[] process(QueuedWorkOrder workOrder) {
            Planned plan = checker.started(workOrder.workOrderId());
            // A random pause makes the interleavings differ from run to run.
            int pause = new Random(delaySeed.incrementAndGet()).nextInt(3);
            if (pause > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] response = DependencyPlans.response(plan);
            synchronized (checker) {
                checker.finished(plan);
                boolean stored = store.complete(new TcsStore.Completion(plan.id(), response, 1, Map.of(), null));
                return stored ? response : null;
            }
        }
    }

    void submitAll(List<Planned> plan) {
        observer.checker.plan(plan);
        for (Planned p : plan) {
            assertThat(queue.submit(p.id(), p.worker(), params(p.deps()), hash(p.id()), raw(p.id())))
                    .isEqualTo(WorkOrderQueue.Admission.ACCEPTED);
        }
    }

    /** Params signed by {@link DependencyPlans#REQUESTER}, as resources require. */
    static WorkOrderSubmitParams params(Dependencies deps) {
        return DependencyPlans.signed(null, deps, REQUESTER);
    }

    static byte[] raw(String id) {
        return ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The request hash of {@link #raw}. */
    static byte[] hash(String id) {
        return Sha256.digest(raw(id));
    }

    String awaitResponse(String id) throws Exception {
        return new String(queue.completion(id).get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }

    @Test
    void randomPlansRespectPredecessorsResourceExclusionAndFailurePropagation() {
        AtomicInteger example = new AtomicInteger();
        qt().withExamples(25).forAll(longs().all(), integers().between(5, 40)).checkAssert((seed, size) -> {
            String prefix = "e" + example.incrementAndGet() + "-";
            List<Planned> plan = randomPlan(prefix, new Random(seed), size);
            submitAll(plan);
            Map<String, String> responses = new HashMap<>();
            for (Planned p : plan) {
                try {
                    responses.put(p.id(), awaitResponse(p.id()));
                } catch (Exception e) {
                    throw new AssertionError("work order " + p.id() + " never completed", e);
                }
            }
            assertThat(observer.checker.violations).isEmpty();
            assertOutcomes(plan, responses, "plan " + prefix + " of seed " + seed);
            // Work orders without predecessors start, per resource they conflict on, in
            // submission order.
            List<String> starts = observer.checker.starts();
            for (int i = 0; i < plan.size(); i++) {
                for (int j = i + 1; j < plan.size(); j++) {
                    Planned a = plan.get(i);
                    Planned b = plan.get(j);
                    if (a.deps().afterIds().isEmpty() && b.deps().afterIds().isEmpty() && conflict(a, b)) {
                        assertThat(starts.indexOf(a.id()))
                                .as(a.id() + " before " + b.id())
                                .isLessThan(starts.indexOf(b.id()));
                    }
                }
            }
        });
    }

    @Test
    void unknownPredecessorsAreRefusedAtSubmitAndNothingIsStored() {
        Dependencies deps = new Dependencies(List.of("feed"), null, null, null);
        assertThatThrownBy(() -> queue.submit("late", "w0", params(deps), hash("late"), raw("late")))
                .isInstanceOf(EeaException.class)
                .hasMessageContaining("unknown predecessor work order feed")
                .satisfies(e -> assertThat(((EeaException) e).code()).isEqualTo(2));
        assertThat(store.workOrder("late")).isEmpty();
        // A cycle would need a predecessor submitted after its successor: the refusal above prevents
        // it.
        assertThat(queue.outstanding()).isZero();
    }

    @Test
    void aFailureReachesEveryTransitiveDependentNamingItsDirectPredecessor() throws Exception {
        List<Planned> chain = List.of(
                new Planned("root", "w0", new Dependencies(null, null, List.of("acct:a"), null), true),
                new Planned("mid", "w1", new Dependencies(List.of("root"), null, null, null), false),
                new Planned("leaf", "w0", new Dependencies(List.of("mid"), List.of("acct:a"), null, null), false));
        submitAll(chain);
        assertThat(awaitResponse("root")).contains("planned failure");
        assertThat(awaitResponse("mid"))
                .contains("\"code\":1")
                .contains("Work order mid cannot run: predecessor work order root failed: code 1, planned failure");
        assertThat(awaitResponse("leaf")).contains("predecessor work order mid failed");
        assertThat(observer.checker.starts()).containsExactly("root");
    }

    @Test
    void aWaitingWriterHoldsBackLaterReadersSoWritersNeverStarve() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        attachHolding("reader1", release, started);
        Dependencies read = new Dependencies(null, List.of("acct:a"), null, null);
        Dependencies write = new Dependencies(null, null, List.of("acct:a"), null);
        queue.submit("reader1", "w0", params(read), hash("reader1"), raw("reader1"));
        org.awaitility.Awaitility.await().until(() -> started.contains("reader1"));
        queue.submit("writer", "w0", params(write), hash("writer"), raw("writer"));
        queue.submit("reader2", "w0", params(read), hash("reader2"), raw("reader2"));
        // Free threads are there, yet neither may start while reader1 holds the resource.
        assertThat(queue.completion("writer").isDone()).isFalse();
        assertThat(started).containsExactly("reader1");
        release.countDown();
        queue.completion("reader2").get(30, TimeUnit.SECONDS);
        assertThat(started).containsExactly("reader1", "writer", "reader2");
    }

    /**
     * A queue on {@code w0} whose processor holds {@code stuck} until {@code release}, recording
     * starts.
     */
    void attachHolding(String stuck, CountDownLatch release, List<String> started) {
        queue.close();
        queue = new PersistentWorkOrderQueue(
                store, new QueueSettings(1000, Duration.ofHours(1), 1000, Duration.ofMinutes(10)), Clock.systemUTC());
        queue.attach(
                "w0",
                workOrder -> {
                    started.add(workOrder.workOrderId());
                    if (workOrder.workOrderId().equals(stuck)) {
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    byte[] response = "{\"result\":{}}".getBytes(StandardCharsets.UTF_8);
                    return store.complete(new TcsStore.Completion(workOrder.workOrderId(), response, 1, Map.of(), null))
                            ? response
                            : null;
                },
                8);
    }

    @Test
    void aStrangersStuckWriterOnTheSameResourceNameDoesNotHoldBackTheOwner() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        attachHolding("squatter", release, started);
        Dependencies wallet = new Dependencies(null, null, List.of("wallet:alice"), null);
        PublicKeySign stranger = Secp256k1.generate();
        queue.submit(
                "squatter",
                "w0",
                DependencyPlans.signed("squatter", wallet, stranger),
                hash("squatter"),
                raw("squatter"));
        org.awaitility.Awaitility.await().until(() -> started.contains("squatter"));

        // Locks are per requester key: alice's wallet:alice is not the stranger's.
        queue.submit(
                "alice1", "w0", DependencyPlans.signed("alice1", wallet, REQUESTER), hash("alice1"), raw("alice1"));
        queue.submit(
                "alice2", "w0", DependencyPlans.signed("alice2", wallet, REQUESTER), hash("alice2"), raw("alice2"));
        queue.completion("alice2").get(30, TimeUnit.SECONDS);
        assertThat(started).containsExactly("squatter", "alice1", "alice2");
        assertThat(queue.completion("squatter").isDone()).isFalse();
        release.countDown();
        queue.completion("squatter").get(30, TimeUnit.SECONDS);
    }

    @Test
    void resourcesNeedARequesterSignatureThatVerifiesAndNothingElseIsStored() {
        DependencyPlans.assertResourcesNeedAVerifiedSignature(
                (id, params) -> queue.submit(id, "w0", params, hash(id), raw(id)),
                new Dependencies(null, null, List.of("wallet:alice"), null));
        assertThat(store.workOrder("unsigned")).isEmpty();
        assertThat(store.workOrder("forged")).isEmpty();
        assertThat(queue.outstanding()).isZero();
    }

    @Test
    void independentWorkOrdersBypassTheGate() throws Exception {
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            plan.add(new Planned("free" + i, WORKERS[i % 2], new Dependencies(null, null, null, null), false));
        }
        submitAll(plan);
        for (Planned p : plan) {
            assertThat(awaitResponse(p.id())).contains("result");
        }
    }

    /** A WorkOrderSubmit request that passes Params (its crypto is never opened here). */
    static byte[] validRaw(String id, String worker, String after) {
        String deps = after == null ? "" : ",\"dependencies\":{\"after\":[\"" + after + "\"]}";
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"WorkOrderSubmit\",\"id\":1,\"params\":{"
                        + "\"workOrderId\":\""
                        + id
                        + "\",\"responseTimeoutMSecs\":6000,\"payloadFormat\":\"JSON-RPC\","
                        + "\"requesterNonce\":\"00\",\"workloadId\":\"00\",\"workerId\":\""
                        + worker
                        + "\","
                        + "\"requesterId\":\"00\",\"sessionKeyIv\":\"000000000000000000000000\","
                        + "\"encryptedSessionKey\":\"00\",\"encryptedRequestHash\":\"00\","
                        + "\"inData\":[{\"index\":0,\"data\":\"\"}]"
                        + deps
                        + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dependenciesAreHonouredAgainAfterARestartWhateverTheOrderWorkersAttach() throws Exception {
        String first = "0a";
        String second = "0b";
        queue.close();
        store.close();
        store = LmdbTcsStore.open(dir, 256L << 20);
        queue = new PersistentWorkOrderQueue(
                store, new QueueSettings(1000, Duration.ofHours(1), 1000, Duration.ofMinutes(10)), Clock.systemUTC());
        // Acknowledged, then a "crash" before any worker attached.
        queue.submit(first, "c0", null, Sha256.digest(validRaw(first, "c0", null)), validRaw(first, "c0", null));
        Dependencies afterFirst = new Dependencies(List.of(first), null, null, null);
        queue.submit(
                second,
                "c1",
                params(afterFirst),
                Sha256.digest(validRaw(second, "c1", first)),
                validRaw(second, "c1", first));
        queue.close();
        store.close();
        store = LmdbTcsStore.open(dir, 256L << 20);
        queue = new PersistentWorkOrderQueue(
                store, new QueueSettings(1000, Duration.ofHours(1), 1000, Duration.ofMinutes(10)), Clock.systemUTC());

        List<String> ran = new CopyOnWriteArrayList<>();
        WorkOrderProcessor recording = workOrder -> {
            ran.add(workOrder.workOrderId());
            byte[] response = "{\"result\":{}}".getBytes(StandardCharsets.UTF_8);
            return store.complete(new TcsStore.Completion(workOrder.workOrderId(), response, 1, Map.of(), null))
                    ? response
                    : null;
        };
        queue.attach("c1", recording, 2);
        // The successor's worker is up first, yet the successor waits for its predecessor.
        assertThat(queue.completion(second).isDone()).isFalse();
        assertThat(ran).isEmpty();
        queue.attach("c0", recording, 2);
        queue.completion(second).get(30, TimeUnit.SECONDS);
        assertThat(ran).containsExactly(first, second);
    }
}
