package io.camelot.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Workorder Queue Manager: the store holds the durable FIFO of each worker; in memory each
 * attached worker has a thread pool whose queue mirrors it, so a submit hands its work order over
 * with no polling. After a restart, {@link #attach} replays the worker's pending work orders in
 * submission order; the store's idempotent completion makes every work order complete exactly once.
 *
 * <p>Work orders that declare dependencies pass through a {@link DependencyGate} above the lanes
 * before they reach their worker's lane; the others go straight to it.
 */
public final class PersistentWorkOrderQueue implements WorkOrderQueue, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PersistentWorkOrderQueue.class);

    private final TcsStore store;
    private final QueueSettings settings;
    private final Clock clock;
    private final AtomicLong outstanding;
    // Raw request bytes of the outstanding work orders.
    private final AtomicLong outstandingBytes;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final CompletionWaiters waiters;
    private final List<CompletionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AdmissionListener> admissionListeners = new CopyOnWriteArrayList<>();
    private final QueueMetrics metrics;
    private final ScheduledExecutorService purger;
    private final DependencyGate gate;

    public PersistentWorkOrderQueue(TcsStore store, QueueSettings settings, Clock clock) {
        this(store, settings, clock, new CompositeMeterRegistry());
    }

    /**
     * @param registry where the queue's meters go (an empty composite registry makes them no-ops)
     */
    public PersistentWorkOrderQueue(TcsStore store, QueueSettings settings, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.outstanding = new AtomicLong(store.pendingCount());
        this.outstandingBytes = new AtomicLong(pendingBytes(store));
        this.waiters = new CompletionWaiters(store);
        this.gate = new InMemoryDependencyGate(store, new GateEvents());
        this.metrics = new QueueMetrics(registry, outstanding::get, lanes::size);
        this.purger = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("queue-purge").daemon().factory());
        long every = settings.purgeInterval().toMillis();
        purger.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
        if (settings.pendingTimeout().isPositive()) {
            long check = Math.min(every, settings.pendingTimeout().toMillis());
            purger.scheduleWithFixedDelay(this::expireWaiting, check, check, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Attaches a worker's processor with a fixed number of threads, and queues the work orders it
     * left pending before a restart, oldest first.
     */
    public void attach(String workerId, WorkOrderProcessor processor, int concurrency) {
        Lane lane = new Lane(workerId, processor, concurrency);
        if (lanes.putIfAbsent(workerId, lane) != null) {
            lane.executor.shutdown();
            throw new IllegalStateException("worker " + workerId + " is already attached");
        }
        metrics.laneAttached(workerId, lane.executor);
        List<String> pending = store.pending(workerId);
        if (!pending.isEmpty()) {
            log.info("Recovering {} pending work order(s) of worker {}", pending.size(), workerId);
        }
        for (String id : pending) {
            store.request(id).ifPresent(raw -> schedule(lane, recovered(id, workerId, raw)));
        }
    }

    public void addCompletionListener(CompletionListener listener) {
        listeners.add(listener);
    }

    public void addAdmissionListener(AdmissionListener listener) {
        admissionListeners.add(listener);
    }

    /**
     * @throws EeaException code 2 if the work order's dependencies name an unknown predecessor, or
     *     resources without a verifying requester signature; or the worker's own refusal ({@link
     *     WorkOrderProcessor#checkAdmissible})
     */
    @Override
    public Admission submit(
            String workOrderId, String workerId, WorkOrderSubmitParams params, byte[] requestHash, byte[] rawRequest) {
        Lane lane = lanes.get(workerId);
        if (lane != null && params != null) {
            lane.processor.checkAdmissible(params);
        }
        Dependencies deps = params == null ? null : params.dependencies();
        if (deps != null && store.workOrder(workOrderId).isEmpty()) {
            gate.checkAdmissible(workOrderId, workerId, params);
        }
        if (!reserveSlot()) {
            metrics.admission(Admission.BUSY);
            WorkOrderTrace.LOG.debug("refused: queue full");
            return Admission.BUSY;
        }
        if (!reserveBytes(rawRequest.length)) {
            outstanding.decrementAndGet();
            metrics.admission(Admission.BUSY);
            WorkOrderTrace.LOG.debug("refused: outstanding bytes full");
            return Admission.BUSY;
        }
        Admission stored;
        try {
            stored = Admission.of(store.submit(workOrderId, workerId, requestHash, rawRequest, clock.millis()));
        } catch (RuntimeException e) {
            release(rawRequest);
            throw e;
        }
        metrics.admission(stored);
        if (stored != Admission.ACCEPTED) {
            release(rawRequest);
            return stored;
        }
        WorkOrderTrace.LOG.debug("admitted for worker {}", workerId);
        for (AdmissionListener listener : admissionListeners) {
            listener.admitted(workOrderId, workerId);
        }
        if (lane != null) {
            schedule(lane, new QueuedWorkOrder(workOrderId, workerId, params, rawRequest));
        }
        return Admission.ACCEPTED;
    }

    @Override
    public CompletableFuture<byte[]> completion(String workOrderId) {
        return waiters.await(workOrderId);
    }

    @Override
    public void receiptCreated(String workOrderId) {
        store.workOrder(workOrderId)
                .filter(info -> info.status() == TcsStore.Status.COMPLETED)
                .map(info -> lanes.get(info.workerId()))
                .ifPresent(lane -> lane.processor.receiptCreated(workOrderId));
    }

    /**
     * True once the worker is {@link #attach attached}: only then does a lane run its work orders.
     */
    @Override
    public boolean serves(String workerId) {
        return lanes.containsKey(workerId);
    }

    /** Work orders admitted and not yet completed. */
    public long outstanding() {
        return outstanding.get();
    }

    /**
     * Work orders of a worker waiting in its lane for a thread (released, not yet handed to its
     * processor): the queue depth an elastic pool scales on.
     */
    public int queued(String workerId) {
        Lane lane = lanes.get(workerId);
        return lane == null ? 0 : lane.executor.getQueue().size();
    }

    private boolean reserveSlot() {
        while (true) {
            long current = outstanding.get();
            if (current >= settings.maxOutstanding()) {
                return false;
            }
            if (outstanding.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private boolean reserveBytes(long bytes) {
        while (true) {
            long current = outstandingBytes.get();
            // One work order is admitted into an empty queue whatever its size: the body limit bounds it.
            if (current > 0 && current + bytes > settings.maxOutstandingBytes()) {
                return false;
            }
            if (outstandingBytes.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    /** Frees the slot and the bytes of a work order that is no longer outstanding. */
    private void release(byte[] rawRequest) {
        outstanding.decrementAndGet();
        int bytes = rawRequest == null ? 0 : rawRequest.length;
        // Never below zero: the start-up sum misses work orders of workers the directory does not list.
        outstandingBytes.updateAndGet(current -> Math.max(0, current - bytes));
    }

    /** Raw request bytes of the work orders a restart left pending: read once, at start-up. */
    private static long pendingBytes(TcsStore store) {
        long bytes = 0;
        for (String workerId : store.workerIds()) {
            for (String id : store.pending(workerId)) {
                bytes += store.request(id).map(raw -> raw.length).orElse(0);
            }
        }
        return bytes;
    }

    private void schedule(Lane lane, QueuedWorkOrder workOrder) {
        Dependencies deps =
                workOrder.params() == null ? null : workOrder.params().dependencies();
        if (!DependencyRules.gated(deps)) {
            dispatch(lane, workOrder);
        } else {
            gate.register(workOrder, deps);
        }
    }

    /**
     * A pending work order read back after a restart, parsed by the one parser so that its
     * dependencies are honoured again; one that does not parse goes to its worker, which fails it.
     */
    private static QueuedWorkOrder recovered(String id, String workerId, byte[] raw) {
        WorkOrderSubmitParams params = null;
        try {
            JsonNode request = ProtocolJson.parse(raw);
            params = Params.workOrderSubmit(request.get("params"));
        } catch (RuntimeException unparsable) {
            // Left to the worker, which answers it with the parse error.
        }
        return new QueuedWorkOrder(id, workerId, params, raw);
    }

    private void dispatch(Lane lane, QueuedWorkOrder workOrder) {
        if (inFlight.add(workOrder.workOrderId())) {
            long queuedAt = System.nanoTime();
            lane.executor.execute(() -> run(lane, workOrder, queuedAt));
        }
    }

    private void run(Lane lane, QueuedWorkOrder workOrder, long queuedAt) {
        try (var trace = WorkOrderTrace.open(workOrder.workOrderId(), "camelot.queue.run")) {
            long startedAt = System.nanoTime();
            metrics.queueWait(startedAt - queuedAt);
            WorkOrderTrace.LOG.debug("started after {} us in the queue", (startedAt - queuedAt) / 1000);
            TcsStore.WorkOrderInfo info =
                    store.workOrder(workOrder.workOrderId()).orElse(null);
            // Waited too long, or its worker left ACTIVE meanwhile (a COMPROMISED or OFF_LINE worker runs
            // nothing).
            Optional<String> refusal = expiry(info).or(() -> WorkerAvailability.refusal(store, workOrder.workerId()));
            if (refusal.isPresent()) {
                cannotRun(lane, workOrder, refusal.get());
                return;
            }
            // Completed before (a recovery replay, or expired while it waited for a dependency): not run
            // again.
            boolean done = info != null && info.status() == TcsStore.Status.COMPLETED;
            byte[] response = done ? null : lane.processor.process(workOrder);
            if (response != null) {
                long completedAt = System.nanoTime();
                metrics.latency(completedAt - queuedAt);
                WorkOrderTrace.LOG.debug("completed {} us after it was queued", (completedAt - queuedAt) / 1000);
                completed(workOrder, response);
            } else {
                // Completed before: its dependents may still be waiting for word.
                store.response(workOrder.workOrderId())
                        .ifPresent(stored -> gate.completed(workOrder.workOrderId(), stored));
            }
        } catch (RuntimeException e) {
            // The outcome was not stored, so the work order stays pending and is retried after a restart.
            log.error("Work order {} could not be completed; it stays queued", workOrder.workOrderId(), e);
        } finally {
            inFlight.remove(workOrder.workOrderId());
        }
    }

    private void completed(QueuedWorkOrder workOrder, byte[] response) {
        release(workOrder.rawRequest());
        waiters.resolve(workOrder.workOrderId(), response);
        gate.completed(workOrder.workOrderId(), response);
        for (CompletionListener listener : listeners) {
            listener.completed(workOrder, response);
        }
    }

    /**
     * Fails a work order that must not run (its predecessor failed, its worker is not ACTIVE, or it
     * waited too long), with code 1. The worker signs nothing here; if it is attached and a receipt
     * exists it appends its signed FAILED update as for any failed work order.
     *
     * @param lane the worker's lane, or null if it has none
     */
    private void cannotRun(Lane lane, QueuedWorkOrder workOrder, String reason) {
        String id = workOrder.workOrderId();
        byte[] response = DependencyRules.cannotRunResponse(id, reason);
        try {
            if (store.complete(new TcsStore.Completion(id, response, clock.millis(), Map.of(), null))) {
                if (lane != null) {
                    lane.processor.receiptCreated(id);
                }
                completed(workOrder, response);
            }
        } catch (RuntimeException e) {
            log.error("Work order {} could not be failed; it stays queued", id, e);
        }
    }

    /** Why a work order still pending has waited too long, if it has. */
    private Optional<String> expiry(TcsStore.WorkOrderInfo info) {
        if (info == null || info.status() != TcsStore.Status.PENDING) {
            return Optional.empty();
        }
        return settings.expiry(info.receivedAtMillis(), clock.millis(), info.workerId());
    }

    /**
     * Fails the work orders that waited longer than the pending timeout and that no lane holds: those
     * of workers with no lane (attached no more, or never) and those a dependency holds back. A
     * lane's own backlog expires as each reaches a thread ({@link #run}), and running work orders
     * finish.
     */
    private void expireWaiting() {
        try {
            long cutoff = clock.millis() - settings.pendingTimeout().toMillis();
            for (String workerId : store.workerIds()) {
                for (String id : store.pending(workerId)) {
                    TcsStore.WorkOrderInfo info = store.workOrder(id).orElse(null);
                    if (info != null && info.receivedAtMillis() > cutoff) {
                        break; // oldest first: the rest are younger
                    }
                    // Claimed like a dispatch, so that a lane cannot start it meanwhile.
                    if (inFlight.add(id)) {
                        try {
                            Optional<String> reason = expiry(info);
                            if (reason.isPresent()) {
                                QueuedWorkOrder expired = new QueuedWorkOrder(
                                        id, workerId, null, store.request(id).orElse(null));
                                cannotRun(lanes.get(workerId), expired, reason.get());
                            }
                        } finally {
                            inFlight.remove(id);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("Expiring waiting work orders failed; it will run again", e);
        }
    }

    private void purge() {
        try {
            int removed = settings.purge(store, clock.millis());
            if (removed > 0) {
                log.info("Purged {} completed work order(s)", removed);
            }
        } catch (RuntimeException e) {
            log.error("Purge failed; it will run again", e);
        }
    }

    @Override
    public void close() {
        purger.shutdownNow();
        // Queued work orders are durable: drop them here, finish only the running ones.
        for (Lane lane : lanes.values()) {
            lane.executor.shutdown();
            lane.executor.getQueue().clear();
        }
        for (Lane lane : lanes.values()) {
            try {
                if (!lane.executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    lane.executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.executor.shutdownNow();
            }
        }
    }

    /** Hands released work orders to their worker's lane. */
    private final class GateEvents implements DependencyGate.Events {
        @Override
        public void ready(QueuedWorkOrder workOrder) {
            Lane lane = lanes.get(workOrder.workerId());
            if (lane != null) {
                dispatch(lane, workOrder);
            }
        }

        @Override
        public void predecessorFailed(QueuedWorkOrder workOrder, String predecessorId, String reason) {
            Lane lane = lanes.get(workOrder.workerId());
            if (lane != null && inFlight.add(workOrder.workOrderId())) {
                lane.executor.execute(() -> {
                    try {
                        cannotRun(lane, workOrder, reason);
                    } finally {
                        inFlight.remove(workOrder.workOrderId());
                    }
                });
            }
        }
    }

    /** One attached worker: its processor and the threads that run it. */
    private static final class Lane {
        final WorkOrderProcessor processor;
        final ThreadPoolExecutor executor;

        Lane(String workerId, WorkOrderProcessor processor, int concurrency) {
            this.processor = processor;
            AtomicInteger threadNumber = new AtomicInteger();
            String prefix = "worker-" + workerId.substring(0, Math.min(8, workerId.length())) + "-";
            this.executor = new ThreadPoolExecutor(
                    concurrency,
                    concurrency,
                    0,
                    TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(),
                    runnable -> Thread.ofPlatform()
                            .name(prefix + threadNumber.incrementAndGet())
                            .daemon()
                            .unstarted(runnable));
        }
    }
}
