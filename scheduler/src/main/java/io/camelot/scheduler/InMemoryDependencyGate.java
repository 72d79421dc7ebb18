package io.camelot.scheduler;

import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.store.TcsStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link DependencyGate} of one node: a dependency table and a lock table in memory, under one
 * lock, with predecessor outcomes read from the store.
 *
 * <p>Locks: each resource has a FIFO of requests. A request is granted when every request ahead of
 * it is granted and compatible (readers share, a writer is alone), and never overtakes one ahead of
 * it, so a waiting writer holds back later readers and cannot starve. A work order enters all its
 * resource queues at once, in canonical (sorted) resource order, and only when its predecessors are
 * done; so every lock wait follows one global entry order and no set of work orders can wait for
 * each other in a cycle across several resources.
 */
public final class InMemoryDependencyGate implements DependencyGate {
    private final TcsStore store;
    private final Events events;
    private final Object lock = new Object();

    /** Work orders waiting for predecessors, by id. */
    private final Map<String, Waiting> waiting = new HashMap<>();

    /** Predecessor id to the ids of work orders waiting for it. */
    private final Map<String, List<String>> dependents = new HashMap<>();

    /** Resource name to its FIFO of lock requests. */
    private final Map<String, ArrayDeque<LockRequest>> resources = new HashMap<>();

    /** Work orders in the lock table (waiting for or holding locks), by id. */
    private final Map<String, LockOwner> owners = new HashMap<>();

    public InMemoryDependencyGate(TcsStore store, Events events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public void checkAdmissible(String workOrderId, String workerId, WorkOrderSubmitParams params) {
        DependencyRules.checkAdmissible(store, workerId, params);
    }

    @Override
    public void register(QueuedWorkOrder workOrder, Dependencies deps) {
        List<Runnable> fired = new ArrayList<>();
        synchronized (lock) {
            Waiting w = new Waiting(workOrder, deps);
            for (String predecessor : deps.afterIds()) {
                w.remaining.add(predecessor);
                dependents.computeIfAbsent(predecessor, id -> new ArrayList<>()).add(workOrder.workOrderId());
            }
            waiting.put(workOrder.workOrderId(), w);
            // Registered before the store is read: a predecessor completing now either is seen as
            // completed here or finds this work order in the table when it reports its completion.
            for (String predecessor : deps.afterIds()) {
                if (!waiting.containsKey(workOrder.workOrderId())) {
                    break;
                }
                Optional<TcsStore.WorkOrderInfo> info = store.workOrder(predecessor);
                if (info.isEmpty()) {
                    fail(w, predecessor, DependencyRules.predecessorUnknown(predecessor), fired);
                } else if (info.get().status() == TcsStore.Status.COMPLETED) {
                    store.response(predecessor)
                            .ifPresent(response -> resolve(w, predecessor, DependencyRules.failureOf(response), fired));
                }
            }
            if (waiting.containsKey(workOrder.workOrderId()) && w.remaining.isEmpty()) {
                waiting.remove(workOrder.workOrderId());
                enterLocks(workOrder, deps, fired);
            }
        }
        fired.forEach(Runnable::run);
    }

    @Override
    public void completed(String workOrderId, byte[] response) {
        List<Runnable> fired = new ArrayList<>();
        synchronized (lock) {
            releaseLocks(workOrderId, fired);
            // Failed before its predecessors were done (it expired): it must not take locks later.
            waiting.remove(workOrderId);
            List<String> waiters = dependents.remove(workOrderId);
            if (waiters != null) {
                String failure = DependencyRules.failureOf(response);
                for (String id : waiters) {
                    Waiting w = waiting.get(id);
                    if (w != null) {
                        resolve(w, workOrderId, failure, fired);
                        if (waiting.containsKey(id) && w.remaining.isEmpty()) {
                            waiting.remove(id);
                            enterLocks(w.workOrder, w.deps, fired);
                        }
                    }
                }
            }
        }
        fired.forEach(Runnable::run);
    }

    /** Work orders the gate holds back or holds locks for; for tests and diagnostics. */
    public int tracked() {
        synchronized (lock) {
            return waiting.size() + owners.size();
        }
    }

    private void resolve(Waiting w, String predecessor, String failure, List<Runnable> fired) {
        if (!w.remaining.remove(predecessor)) {
            return;
        }
        if (failure != null) {
            fail(w, predecessor, DependencyRules.predecessorFailed(predecessor, failure), fired);
        }
    }

    private void fail(Waiting w, String predecessor, String reason, List<Runnable> fired) {
        waiting.remove(w.workOrder.workOrderId());
        fired.add(() -> events.predecessorFailed(w.workOrder, predecessor, reason));
    }

    private void enterLocks(QueuedWorkOrder workOrder, Dependencies deps, List<Runnable> fired) {
        if (!deps.hasResources()) {
            fired.add(() -> events.ready(workOrder));
            return;
        }
        Map<String, Boolean> exclusive = DependencyRules.lockModes(workOrder.params());
        LockOwner owner = new LockOwner(workOrder, exclusive.size());
        owners.put(workOrder.workOrderId(), owner);
        for (Map.Entry<String, Boolean> entry : exclusive.entrySet()) {
            LockRequest request = new LockRequest(owner, entry.getKey(), entry.getValue());
            owner.requests.add(request);
            resources
                    .computeIfAbsent(entry.getKey(), name -> new ArrayDeque<>())
                    .add(request);
        }
        for (LockRequest request : owner.requests) {
            grant(resources.get(request.resource), fired);
        }
    }

    private void releaseLocks(String workOrderId, List<Runnable> fired) {
        LockOwner owner = owners.remove(workOrderId);
        if (owner == null) {
            return;
        }
        for (LockRequest request : owner.requests) {
            ArrayDeque<LockRequest> queue = resources.get(request.resource);
            queue.remove(request);
            if (queue.isEmpty()) {
                resources.remove(request.resource);
            } else {
                grant(queue, fired);
            }
        }
    }

    /** Grants requests from the head of a resource's FIFO while they are compatible. */
    private void grant(ArrayDeque<LockRequest> queue, List<Runnable> fired) {
        boolean anyAhead = false;
        boolean writerAhead = false;
        for (Iterator<LockRequest> it = queue.iterator(); it.hasNext(); ) {
            LockRequest request = it.next();
            if (!request.granted) {
                boolean grantable = request.exclusive ? !anyAhead : !writerAhead;
                if (!grantable) {
                    return;
                }
                request.granted = true;
                if (--request.owner.ungranted == 0) {
                    QueuedWorkOrder ready = request.owner.workOrder;
                    fired.add(() -> events.ready(ready));
                }
            }
            anyAhead = true;
            writerAhead |= request.exclusive;
        }
    }

    private static final class Waiting {
        final QueuedWorkOrder workOrder;
        final Dependencies deps;
        final Set<String> remaining = new HashSet<>();

        Waiting(QueuedWorkOrder workOrder, Dependencies deps) {
            this.workOrder = workOrder;
            this.deps = deps;
        }
    }

    private static final class LockOwner {
        final QueuedWorkOrder workOrder;
        final List<LockRequest> requests = new ArrayList<>();
        int ungranted;

        LockOwner(QueuedWorkOrder workOrder, int requestCount) {
            this.workOrder = workOrder;
            this.ungranted = requestCount;
        }
    }

    private static final class LockRequest {
        final LockOwner owner;
        final String resource;
        final boolean exclusive;
        boolean granted;

        LockRequest(LockOwner owner, String resource, boolean exclusive) {
            this.owner = owner;
            this.resource = resource;
            this.exclusive = exclusive;
        }
    }
}
