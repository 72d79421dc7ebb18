package io.camelot.store.postgres;

import static io.camelot.scheduler.DependencyPlans.REQUESTER;
import static io.camelot.scheduler.DependencyPlans.WORKERS;
import static io.camelot.scheduler.DependencyPlans.assertOutcomes;
import static io.camelot.scheduler.DependencyPlans.conflict;
import static io.camelot.scheduler.DependencyPlans.randomPlan;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.DependencyPlans;
import io.camelot.scheduler.DependencyPlans.Planned;
import io.camelot.scheduler.DependencyRules;
import io.camelot.scheduler.QueueSettings;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.scheduler.WorkOrderQueue.Admission;
import io.camelot.store.TcsStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declared dependencies on the shared PostgreSQL queue: resource order and sharing, failure
 * propagation, refusals, crashed claimers mid-chain, random plans over several claiming processes,
 * and the upgrade of a layout version 1 database. Each store, queue and worker here has its own
 * pool and LISTEN connection, as separate processes would.
 */
class SharedDependenciesTest {
    static final Duration LONG_LEASE = Duration.ofSeconds(60);

    @RegisterExtension
    final ScratchDatabase db = new ScratchDatabase();

    final Observer observer = new Observer();

    PostgresTcsStore store() {
        return db.store();
    }

    SharedWorkOrderQueue listener() {
        SharedWorkOrderQueue queue =
                new SharedWorkOrderQueue(new PostgresQueueTable(store()), QueueSettings.defaults(), Clock.systemUTC());
        db.track(queue);
        return queue;
    }

    /** A worker process draining {@code workerId}'s queue through the observer. */
    SharedQueueWorker workerProcess(String workerId, Duration lease) {
        PostgresTcsStore store = store();
        SharedQueueWorker worker =
                new SharedQueueWorker(new PostgresQueueTable(store), workerId, observer.on(store), 3, lease);
        db.track(worker);
        worker.start();
        return worker;
    }

    /**
     * Runs planned work orders in any process, checking at each start that its predecessors succeeded
     * and that no conflicting work order is running; fails those planned to fail.
     */
    static final class Observer {
        final DependencyPlans.Checker checker = new DependencyPlans.Checker();

        /** Work orders the worker was asked to append its receipt update for. */
        final Set<String> receiptCalls = ConcurrentHashMap.newKeySet();

        WorkOrderProcessor on(PostgresTcsStore store) {
            return new WorkOrderProcessor() {
                @Override
                public byte[] process(QueuedWorkOrder workOrder) {
                    return Observer.this.process(store, workOrder);
                }

                @Override
                public void receiptCreated(String workOrderId) {
                    receiptCalls.add(workOrderId);
                }
            };
        }

        byte[] process(PostgresTcsStore store, QueuedWorkOrder workOrder) {
            Planned plan = checker.started(workOrder.workOrderId());
            Thread.yield();
            byte[] response = DependencyPlans.response(plan);
            checker.finished(plan);
            boolean stored = store.complete(new TcsStore.Completion(plan.id(), response, 1, Map.of(), null));
            return stored ? response : null;
        }
    }

    /** Params signed by {@link DependencyPlans#REQUESTER}, as resources require. */
    static WorkOrderSubmitParams params(Dependencies deps) {
        return DependencyPlans.signed(null, deps, REQUESTER);
    }

    static byte[] raw(String id) {
        return ("{\"id\":\"" + id + "\"}").getBytes(UTF_8);
    }

    /** The request hash of {@link #raw}. */
    static byte[] hash(String id) {
        return Sha256.digest(raw(id));
    }

    static Dependencies reads(String resource) {
        return new Dependencies(null, List.of(resource), null, null);
    }

    static Dependencies writes(String resource) {
        return new Dependencies(null, null, List.of(resource), null);
    }

    static Dependencies after(String... predecessors) {
        return new Dependencies(List.of(predecessors), null, null, null);
    }

    static List<String> ids(List<PostgresQueueTable.Claim> claims) {
        return claims.stream().map(PostgresQueueTable.Claim::workOrderId).toList();
    }

    static void succeed(PostgresTcsStore store, String id) {
        assertThat(store.complete(new TcsStore.Completion(id, "{\"result\":{}}".getBytes(UTF_8), 1, Map.of(), null)))
                .isTrue();
    }

    @Test
    void readersShareAResourceAWriterHasItAloneAndAWaitingWriterHoldsBackLaterReaders() {
        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);
        table.submit("w1", "w0", hash("w1"), raw("w1"), 0, params(writes("acct:a")));
        table.submit("r1", "w1", hash("r1"), raw("r1"), 0, params(reads("acct:a")));
        table.submit("r2", "w0", hash("r2"), raw("r2"), 0, params(reads("acct:a")));
        table.submit("w2", "w1", hash("w2"), raw("w2"), 0, params(writes("acct:a")));
        table.submit("r3", "w0", hash("r3"), raw("r3"), 0, params(reads("acct:a")));
        table.submit("plain", "w0", hash("plain"), raw("plain"), 0, null);
        List<String> both = List.of("w0", "w1");

        // Independent work orders never wait; of the resource's queue only its head may run.
        assertThat(ids(table.claim(both, "p1", 10, LONG_LEASE))).containsExactly("plain", "w1");
        assertThat(table.claim(both, "p2", 10, LONG_LEASE)).isEmpty();
        succeed(store, "w1");
        assertThat(ids(table.claim(both, "p2", 10, LONG_LEASE))).containsExactly("r1", "r2");
        succeed(store, "r1");
        // r3 could share with r2, but the writer ahead of it came first: no writer starvation.
        assertThat(table.claim(both, "p3", 10, LONG_LEASE)).isEmpty();
        succeed(store, "r2");
        assertThat(ids(table.claim(both, "p3", 10, LONG_LEASE))).containsExactly("w2");
        assertThat(table.claim(both, "p1", 10, LONG_LEASE)).isEmpty();
        succeed(store, "w2");
        assertThat(table.claim(both, "p1", 10, LONG_LEASE)).singleElement().satisfies(claim -> {
            assertThat(claim.workOrderId()).isEqualTo("r3");
            assertThat(claim.gated()).isTrue();
        });
    }

    @Test
    void aStrangersPendingWriterOnTheSameResourceNameDoesNotHoldBackTheOwner() {
        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);
        PublicKeySign stranger = Secp256k1.generate();
        // For a worker no process serves: it would stay pending for ever.
        table.submit(
                "squatter",
                "ghost",
                hash("squatter"),
                raw("squatter"),
                0,
                DependencyPlans.signed("squatter", writes("wallet:alice"), stranger));
        table.submit("alice1", "w0", hash("alice1"), raw("alice1"), 0, params(writes("wallet:alice")));
        table.submit("alice2", "w0", hash("alice2"), raw("alice2"), 0, params(writes("wallet:alice")));

        // Locks are per requester key; alice's own work orders still run one at a time, in order.
        assertThat(ids(table.claim(List.of("w0"), "p1", 10, LONG_LEASE))).containsExactly("alice1");
        succeed(store, "alice1");
        assertThat(ids(table.claim(List.of("w0"), "p1", 10, LONG_LEASE))).containsExactly("alice2");
        assertThat(store.pending("ghost")).containsExactly("squatter");
    }

    @Test
    void aPendingWorkOrderThatFailsUnrunReleasesItsResourcesAtOnce() {
        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);
        table.submit("stuck", "ghost", hash("stuck"), raw("stuck"), 0, params(writes("acct:a")));
        table.submit("next", "w0", hash("next"), raw("next"), 0, params(writes("acct:a")));
        assertThat(table.claim(List.of("w0"), "p1", 10, LONG_LEASE)).isEmpty();

        // Failed unrun (expired, or its worker is no longer ACTIVE), as a worker process completes it.
        assertThat(store.complete(new TcsStore.Completion(
                        "stuck", DependencyRules.cannotRunResponse("stuck", "it expired"), 1, Map.of(), null)))
                .isTrue();
        assertThat(ids(table.claim(List.of("w0"), "p1", 10, LONG_LEASE))).containsExactly("next");
    }

    @Test
    void resourcesNeedARequesterSignatureThatVerifiesAndNothingIsStored() {
        SharedWorkOrderQueue queue = listener();
        PostgresTcsStore reader = store();
        DependencyPlans.assertResourcesNeedAVerifiedSignature(
                (id, params) -> queue.submit(id, "w0", params, hash(id), raw(id)), writes("wallet:alice"));
        assertThat(reader.workOrder("unsigned")).isEmpty();
        assertThat(reader.workOrder("forged")).isEmpty();
    }

    @Test
    void aFailureReachesEveryTransitiveDependentAcrossWorkerProcessesNamingItsDirectPredecessor() throws Exception {
        SharedWorkOrderQueue queue = listener();
        List<Planned> chain = List.of(
                new Planned("root", "w0", new Dependencies(null, null, List.of("acct:a"), null), true),
                new Planned("mid", "w1", after("root"), false),
                new Planned("leaf", "w0", new Dependencies(List.of("mid"), List.of("acct:a"), null, null), false));
        observer.checker.plan(chain);
        for (Planned p : chain) {
            assertThat(queue.submit(p.id(), p.worker(), params(p.deps()), hash(p.id()), raw(p.id())))
                    .isEqualTo(Admission.ACCEPTED);
        }
        workerProcess("w0", LONG_LEASE);
        workerProcess("w1", LONG_LEASE);

        assertThat(text(queue, "root")).contains("planned failure");
        assertThat(text(queue, "mid"))
                .contains("\"code\":1")
                .contains("Work order mid cannot run: predecessor work order root failed: code 1, planned failure");
        assertThat(text(queue, "leaf")).contains("Work order leaf cannot run: predecessor work order mid failed");
        assertThat(observer.checker.starts()).containsExactly("root");
        // The worker process that failed them was asked for its signed FAILED receipt update.
        // (Asked after the completion commits, which may be after a listener saw it.)
        await().atMost(Duration.ofSeconds(60)).until(() -> observer.receiptCalls.containsAll(List.of("mid", "leaf")));
    }

    static String text(SharedWorkOrderQueue queue, String id) throws Exception {
        return new String(queue.completion(id).get(60, TimeUnit.SECONDS), UTF_8);
    }

    @Test
    void unknownPredecessorsAndForeignHandOffsAreRefusedAtSubmitAndNothingIsStored() {
        SharedWorkOrderQueue queue = listener();
        PostgresTcsStore reader = store();
        assertThatThrownBy(() -> queue.submit("late", "w0", params(after("feed")), hash("late"), raw("late")))
                .isInstanceOf(EeaException.class)
                .hasMessageContaining("Invalid dependencies.after: unknown predecessor work order feed"
                        + " (a predecessor must be submitted first, so no cycle can form)")
                .satisfies(e -> assertThat(((EeaException) e).code()).isEqualTo(2));
        assertThat(reader.workOrder("late")).isEmpty();

        queue.submit("elsewhere", "w1", null, hash("elsewhere"), raw("elsewhere"));
        Dependencies handOff = new Dependencies(
                List.of("elsewhere"), null, null, List.of(new Dependencies.HandOff(0, "elsewhere", 0)));
        assertThatThrownBy(() -> queue.submit("taker", "w0", params(handOff), hash("taker"), raw("taker")))
                .isInstanceOf(EeaException.class)
                .hasMessageContaining("work order elsewhere ran on another worker")
                .satisfies(e -> assertThat(((EeaException) e).code()).isEqualTo(2));
        assertThat(reader.workOrder("taker")).isEmpty();
    }

    @Test
    void aChainResumesInOrderAfterItsClaimerCrashedMidChain() {
        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);
        List<Planned> chain = List.of(
                new Planned("c0", "w0", new Dependencies(null, null, List.of("acct:a"), null), false),
                new Planned("c1", "w0", new Dependencies(List.of("c0"), null, List.of("acct:a"), null), false),
                new Planned("c2", "w0", after("c1"), false));
        observer.checker.plan(chain);
        chain.forEach(p -> table.submit(p.id(), p.worker(), hash(p.id()), raw(p.id()), 0, params(p.deps())));
        // A process ran c0, then claimed c1 and crashed: c2 must wait for c1's lease to lapse.
        assertThat(ids(table.claim(List.of("w0"), "crashed", 10, LONG_LEASE))).containsExactly("c0");
        succeed(store, "c0");
        observer.checker.succeeded("c0");
        assertThat(ids(table.claim(List.of("w0"), "crashed", 10, Duration.ofMillis(500))))
                .containsExactly("c1");
        assertThat(table.claim(List.of("w0"), "other", 10, LONG_LEASE)).isEmpty();

        workerProcess("w0", Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(60)).until(() -> store.pendingCount() == 0);
        assertThat(observer.checker.starts()).containsExactly("c1", "c2");
        assertThat(observer.checker.violations).isEmpty();
    }

    @Test
    void randomPlansOverTwoWorkersAndFourProcessesRespectPredecessorsResourcesAndFailures() throws Exception {
        long seed = Long.getLong("camelot.test.seed", System.nanoTime());
        System.out.println(
                "SharedDependenciesTest random plans: seed " + seed + " (rerun with -Dcamelot.test.seed=" + seed + ")");
        Random random = new Random(seed);
        SharedWorkOrderQueue queue = listener();
        for (String worker : WORKERS) {
            workerProcess(worker, LONG_LEASE);
            workerProcess(worker, LONG_LEASE);
        }
        for (int round = 0; round < 4; round++) {
            List<Planned> plan = randomPlan("e" + round + "-", random, 10 + random.nextInt(31));
            observer.checker.plan(plan);
            for (Planned p : plan) {
                assertThat(queue.submit(p.id(), p.worker(), params(p.deps()), hash(p.id()), raw(p.id())))
                        .isEqualTo(Admission.ACCEPTED);
            }
            Map<String, String> responses = new HashMap<>();
            for (Planned p : plan) {
                responses.put(p.id(), text(queue, p.id()));
            }
            assertThat(observer.checker.violations).as("seed " + seed).isEmpty();
            assertOutcomes(plan, responses, "seed " + seed);
            // Conflicting work orders start in submission order, whatever process claims them.
            List<String> starts = observer.checker.starts();
            for (int i = 0; i < plan.size(); i++) {
                for (int j = i + 1; j < plan.size(); j++) {
                    Planned a = plan.get(i);
                    Planned b = plan.get(j);
                    if (starts.contains(a.id()) && starts.contains(b.id()) && conflict(a, b)) {
                        assertThat(starts.indexOf(a.id()))
                                .as("seed " + seed + ": " + a.id() + " before " + b.id())
                                .isLessThan(starts.indexOf(b.id()));
                    }
                }
            }
        }
    }

    @Test
    void aLayoutVersionOneDatabaseIsUpgradedInPlaceAndKeepsItsWorkOrders() throws Exception {
        try (Connection c = db.connection();
                Statement s = c.createStatement()) {
            OldLayouts.create(c, 1);
            s.execute("INSERT INTO work_orders (id, worker_id, received_at, request) VALUES ('old', 'w0', 0, 'x')");
        }

        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);

        assertThat(store.pending("w0")).containsExactly("old");
        table.submit("new", "w0", hash("new"), raw("new"), 0, params(after("old")));
        assertThat(ids(table.claim(List.of("w0"), "p", 10, LONG_LEASE))).containsExactly("old");
        succeed(store, "old");
        assertThat(ids(table.claim(List.of("w0"), "p", 10, LONG_LEASE))).containsExactly("new");
        // A second opening finds the current layout and changes nothing.
        assertThat(store().pending("w0")).containsExactly("new");
    }
}
