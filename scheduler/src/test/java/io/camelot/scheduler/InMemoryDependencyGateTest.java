package io.camelot.scheduler;

import static io.camelot.scheduler.DependencyPlans.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.Dependencies;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-node gate on its own: a work order that fails unrun gives up its place at once. */
class InMemoryDependencyGateTest {
    static final byte[] OK = "{\"result\":{}}".getBytes(StandardCharsets.UTF_8);
    static final byte[] EXPIRED =
            DependencyRules.cannotRunResponse("any", "it expired after 3600 s waiting for worker w0");

    @TempDir
    Path dir;

    TcsStore store;
    final List<String> ready = new CopyOnWriteArrayList<>();
    InMemoryDependencyGate gate;

    @BeforeEach
    void open() {
        store = LmdbTcsStore.open(dir, 64L << 20);
        gate = new InMemoryDependencyGate(store, new DependencyGate.Events() {
            @Override
            public void ready(QueuedWorkOrder workOrder) {
                ready.add(workOrder.workOrderId());
            }

            @Override
            public void predecessorFailed(QueuedWorkOrder workOrder, String predecessorId, String reason) {
                throw new AssertionError(workOrder.workOrderId() + " failed: " + reason);
            }
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    byte[] stored(String id) {
        byte[] raw = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        store.submit(id, "w0", Sha256.digest(raw), raw, 0);
        return raw;
    }

    void register(String id, Dependencies deps) {
        byte[] raw = stored(id);
        gate.register(new QueuedWorkOrder(id, "w0", DependencyPlans.signed(id, deps, REQUESTER), raw), deps);
    }

    void complete(String id, byte[] response) {
        store.complete(new TcsStore.Completion(id, response, 1, Map.of(), null));
        gate.completed(id, response);
    }

    static Dependencies writes(String resource) {
        return new Dependencies(null, null, List.of(resource), null);
    }

    @Test
    void aWorkOrderThatExpiredWaitingForItsPredecessorNeverTakesItsLocks() {
        stored("slow");
        register("waiter", new Dependencies(List.of("slow"), null, List.of("acct:a"), null));
        complete("waiter", EXPIRED);
        register("next", writes("acct:a"));
        assertThat(ready).containsExactly("next");

        complete("slow", OK);
        complete("next", OK);
        // The expired waiter is not brought back into the lock queue by its predecessor's completion.
        assertThat(ready).containsExactly("next");
        assertThat(gate.tracked()).isZero();
    }

    @Test
    void aQueuedWaiterThatFailsUnrunReleasesItsPlaceAtOnce() {
        register("holder", writes("acct:a"));
        register("waiter", writes("acct:a"));
        register("reader", new Dependencies(null, List.of("acct:a"), null, null));
        assertThat(ready).containsExactly("holder");

        complete("waiter", EXPIRED);
        complete("holder", OK);
        assertThat(ready).containsExactly("holder", "reader");
        complete("reader", OK);
        assertThat(gate.tracked()).isZero();
    }

    @Test
    void aStoredWorkOrderWithAMalformedKeyFromBeforeTheSignatureCheckIsStillScheduled() {
        Dependencies deps = writes("acct:a");
        byte[] raw = stored("legacy");
        gate.register(
                new QueuedWorkOrder(
                        "legacy",
                        "w0",
                        DependencyPlans.signed("legacy", deps, REQUESTER).withRequesterSignature("AAAA", "not a key"),
                        raw),
                deps);
        // Its worker refuses it; until then it takes its lock like any other.
        assertThat(ready).containsExactly("legacy");
    }
}
