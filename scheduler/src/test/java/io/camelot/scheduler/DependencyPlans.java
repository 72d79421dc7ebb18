package io.camelot.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Random dependency plans over two workers and four resources, the conflict rule, and a checker of
 * what runs: shared by the single-node gate's tests and the shared PostgreSQL queue's.
 */
public final class DependencyPlans {
    public static final String[] RESOURCES = {"acct:a", "acct:b", "acct:c", "acct:d"};
    public static final String[] WORKERS = {"w0", "w1"};

    /** The key that signs the planned work orders: resource locks belong to a requester key. */
    public static final PublicKeySign REQUESTER = Secp256k1.generate();

    private DependencyPlans() {}

    /** Params carrying {@code deps}, signed by {@code requester} as resources require. */
    public static WorkOrderSubmitParams signed(String id, Dependencies deps, PublicKeySign requester) {
        WorkOrderSubmitParams params = new WorkOrderSubmitParams(
                id, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, deps, null);
        byte[] signature = requester.signDigest(WorkOrderHashes.requestHash(params));
        return params.withRequesterSignature(
                Base64.getEncoder().encodeToString(signature),
                requester.verifier().pem());
    }

    /** Submits one work order to the queue under test. */
    @FunctionalInterface
    public interface Submit {
        void submit(String id, WorkOrderSubmitParams params);
    }

    /**
     * The two refusals of a work order declaring {@code resources} without a signature that verifies
     * under its own key, code 2 each: unsigned ({@code "unsigned"}), and signed by a stranger but
     * sent with {@link #REQUESTER}'s key ({@code "forged"}). The caller checks nothing was stored.
     */
    public static void assertResourcesNeedAVerifiedSignature(Submit queue, Dependencies resources) {
        WorkOrderSubmitParams unsigned = new WorkOrderSubmitParams(
                "unsigned",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                resources,
                null);
        assertThatThrownBy(() -> queue.submit("unsigned", unsigned))
                .isInstanceOf(EeaException.class)
                .hasMessageContaining("resources need a signed work order")
                .satisfies(e -> assertThat(((EeaException) e).code()).isEqualTo(2));

        // A stranger claiming the requester's key: signed by his own key, sent with hers.
        WorkOrderSubmitParams bySquatter = signed("forged", resources, Secp256k1.generate());
        WorkOrderSubmitParams forged = bySquatter.withRequesterSignature(
                bySquatter.requesterSignature(), REQUESTER.verifier().pem());
        assertThatThrownBy(() -> queue.submit("forged", forged))
                .isInstanceOf(EeaException.class)
                .hasMessageContaining("requester signature does not verify")
                .satisfies(e -> assertThat(((EeaException) e).code()).isEqualTo(2));
    }

    /** One planned work order of a random plan. */
    public record Planned(String id, String worker, Dependencies deps, boolean fails) {}

    /**
     * {@code size} work orders named {@code prefix + i}: about a third wait for up to three earlier
     * ones, each reads or writes each resource with probability 1/4, one in eight is planned to fail.
     */
    public static List<Planned> randomPlan(String prefix, Random random, int size) {
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<String> after = new ArrayList<>();
            if (i > 0 && random.nextInt(3) == 0) {
                for (int k = random.nextInt(3); k >= 0; k--) {
                    String p = plan.get(random.nextInt(i)).id();
                    if (!after.contains(p)) {
                        after.add(p);
                    }
                }
            }
            List<String> reads = new ArrayList<>();
            List<String> writes = new ArrayList<>();
            for (String r : RESOURCES) {
                switch (random.nextInt(4)) {
                    case 0 -> reads.add(r);
                    case 1 -> writes.add(r);
                    default -> {}
                }
            }
            plan.add(new Planned(
                    prefix + i,
                    WORKERS[random.nextInt(WORKERS.length)],
                    new Dependencies(after, reads, writes, null),
                    random.nextInt(8) == 0));
        }
        return plan;
    }

    /**
     * Checks each work order's response, in plan order: a failure naming a failed predecessor if it
     * has one, else its planned failure, else a result. {@code description} labels the assertions.
     */
    public static void assertOutcomes(List<Planned> plan, Map<String, String> responses, String description) {
        Set<String> failed = new HashSet<>();
        for (Planned p : plan) {
            String response = responses.get(p.id());
            List<String> failedPredecessors =
                    p.deps().afterIds().stream().filter(failed::contains).toList();
            if (!failedPredecessors.isEmpty()) {
                assertThat(response)
                        .as(description)
                        .contains("\"code\":1")
                        .contains("cannot run: predecessor work order ");
                assertThat(failedPredecessors.stream().anyMatch(response::contains))
                        .as(description)
                        .isTrue();
                failed.add(p.id());
            } else if (p.fails()) {
                assertThat(response).as(description).contains("planned failure");
                failed.add(p.id());
            } else {
                assertThat(response).as(description).contains("\"result\"");
            }
        }
    }

    /** Whether the two may not run together: one writes a resource the other reads or writes. */
    public static boolean conflict(Planned a, Planned b) {
        for (String r : a.deps().writeResources()) {
            if (b.deps().writeResources().contains(r)
                    || b.deps().readResources().contains(r)) {
                return true;
            }
        }
        for (String r : b.deps().writeResources()) {
            if (a.deps().readResources().contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** What a planned work order answers: a result, or the planned failure. */
    public static byte[] response(Planned plan) {
        String body = plan.fails()
                ? "{\"error\":{\"code\":1,\"message\":\"planned failure\"}}"
                : "{\"result\":{\"workOrderId\":\"" + plan.id() + "\"}}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Records planned work orders as they start and finish, and what breaks the rules at a start: a
     * predecessor that has not succeeded, or a conflicting work order still running.
     */
    public static final class Checker {
        public final List<String> violations = new CopyOnWriteArrayList<>();
        private final Map<String, Planned> plans = new HashMap<>();
        private final Map<String, Integer> readers = new HashMap<>();
        private final Set<String> writers = new HashSet<>();
        private final Set<String> succeeded = new HashSet<>();
        private final List<String> startOrder = new ArrayList<>();

        public synchronized void plan(Collection<Planned> planned) {
            planned.forEach(p -> plans.put(p.id(), p));
        }

        /** Counts a work order as succeeded without running it here. */
        public synchronized void succeeded(String workOrderId) {
            succeeded.add(workOrderId);
        }

        public synchronized List<String> starts() {
            return List.copyOf(startOrder);
        }

        /** The planned work order {@code workOrderId} starts now. */
        public synchronized Planned started(String workOrderId) {
            Planned plan = plans.get(workOrderId);
            Dependencies deps = plan.deps();
            startOrder.add(plan.id());
            for (String p : deps.afterIds()) {
                if (!succeeded.contains(p)) {
                    violations.add(plan.id() + " started before its predecessor " + p + " succeeded");
                }
            }
            for (String r : deps.writeResources()) {
                if (writers.contains(r) || readers.getOrDefault(r, 0) > 0) {
                    violations.add(plan.id() + " writes " + r + " while another work order uses it");
                }
            }
            for (String r : deps.readResources()) {
                if (writers.contains(r) && !deps.writeResources().contains(r)) {
                    violations.add(plan.id() + " reads " + r + " while it is being written");
                }
            }
            deps.writeResources().forEach(writers::add);
            deps.readResources().stream()
                    .filter(r -> !deps.writeResources().contains(r))
                    .forEach(r -> readers.merge(r, 1, Integer::sum));
            return plan;
        }

        /** The work order has run; call before its outcome is stored, which may release successors. */
        public synchronized void finished(Planned plan) {
            Dependencies deps = plan.deps();
            deps.writeResources().forEach(writers::remove);
            deps.readResources().stream()
                    .filter(r -> !deps.writeResources().contains(r))
                    .forEach(r -> readers.merge(r, -1, Integer::sum));
            if (!plan.fails()) {
                succeeded.add(plan.id());
            }
        }
    }
}
