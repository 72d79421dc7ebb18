package io.camelot.store.postgres;

import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.scheduler.AdmissionListener;
import io.camelot.scheduler.CompletionWaiters;
import io.camelot.scheduler.DependencyRules;
import io.camelot.scheduler.QueueMetrics;
import io.camelot.scheduler.QueueSettings;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work order queue of a stateless listener: submissions go into the shared PostgreSQL store,
 * whose commit wakes the worker processes ({@link SharedQueueWorker}); completions made by any
 * worker process reach this listener's waiters (sync mode) through {@code NOTIFY}. Any number of
 * listeners may run against one database.
 *
 * <p>Admission (BUSY beyond {@code maxOutstanding} work orders or {@code maxOutstandingBytes} of
 * raw requests) counts the pending work orders of the whole database and their bytes, re-read at
 * most every {@link #COUNT_REFRESH_MILLIS} ms and increased by this listener's own admissions in
 * between: across listeners the limits may be overshot by what the others admit within that window.
 * A worker is served while a worker process's heartbeat on it is live ({@link
 * PostgresQueueTable#serve}).
 *
 * <p>Work orders that waited longer than {@code pendingTimeout} without a live lease (nobody runs
 * them, or they wait for a thread or a predecessor) fail with code 1, as on the single-node queue:
 * every listener sweeps for them, each work order leased to one sweep ({@link
 * PostgresQueueTable#leaseStale}); its worker processes append their signed FAILED update if a
 * receipt exists, as for any completion.
 *
 * <p>Declared dependencies (docs/dependencies.md) are checked here and stored with the work order;
 * the worker processes' claims honour them ({@link PostgresQueueTable#claim}).
 *
 * <p>Its meters are those of every queue ({@link QueueMetrics}): {@code camelot.queue.outstanding}
 * is the estimate admission uses; the latency of a work order admitted here runs until its
 * completion is announced; no worker is attached here, so nothing waits in a lane of this process
 * and the worker processes record the queue wait and depth ({@link SharedQueueWorker}).
 */
public final class SharedWorkOrderQueue implements WorkOrderQueue, AutoCloseable {
    static final long COUNT_REFRESH_MILLIS = 200;
    // Stale work orders leased and failed per round trip by the pending-timeout sweep.
    private static final int EXPIRY_BATCH = 100;
    // Holds a stale work order back from worker processes while a sweep fails it.
    private static final Duration EXPIRY_LEASE = Duration.ofMinutes(1);
    private static final String EXPIRY_OWNER = "pending-timeout";
    private static final Logger log = LoggerFactory.getLogger(SharedWorkOrderQueue.class);

    private final TcsStore store;
    private final PostgresQueueTable table;
    private final QueueSettings settings;
    private final Clock clock;
    private final CompletionWaiters waiters;
    private final PostgresNotifications notifications;
    private final List<AdmissionListener> admissionListeners = new CopyOnWriteArrayList<>();
    private final QueueMetrics metrics;
    // When the work orders admitted here and not yet known to be completed were admitted: at their
    // completion notice, their latency. At most the pending work orders, which admission bounds.
    private final Map<String, Long> admittedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService purger;
    private final ReentrantLock countRefresh = new ReentrantLock();
    private final AtomicLong admittedSinceCount = new AtomicLong();
    private final AtomicLong admittedBytesSinceCount = new AtomicLong();
    // Until when (System.nanoTime) each worker is known to be served: one read per heartbeat.
    private final Map<String, Long> servedUntil = new ConcurrentHashMap<>();
    private volatile long countedPending;
    private volatile long countedBytes;
    private volatile long countedAtMillis;

    public SharedWorkOrderQueue(PostgresQueueTable table, QueueSettings settings, Clock clock) {
        this(table, settings, clock, new CompositeMeterRegistry());
    }

    /**
     * @param registry where the queue's meters go (an empty composite registry makes them no-ops)
     */
    public SharedWorkOrderQueue(PostgresQueueTable table, QueueSettings settings, Clock clock, MeterRegistry registry) {
        this.table = table;
        this.store = table.store();
        this.waiters = new CompletionWaiters(store);
        this.settings = settings;
        this.clock = clock;
        this.metrics = new QueueMetrics(registry, this::estimatedPending, () -> 0);
        this.notifications = PostgresNotifications.listen(
                table.settings(),
                Map.of(PostgresNotifications.COMPLETED_CHANNEL, payload -> completed(Ids.fromPayload(payload))),
                this::recheckWaiters);
        this.purger = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("queue-purge").daemon().factory());
        long every = settings.purgeInterval().toMillis();
        purger.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
        if (settings.pendingTimeout().isPositive()) {
            long check = Math.min(every, settings.pendingTimeout().toMillis());
            purger.scheduleWithFixedDelay(this::expireWaiting, check, check, TimeUnit.MILLISECONDS);
        }
    }

    public void addAdmissionListener(AdmissionListener listener) {
        admissionListeners.add(listener);
    }

    /**
     * @throws io.camelot.protocol.EeaException code 2 if the work order's dependencies name an
     *     unknown predecessor, hand off from a work order of another worker, or declare resources
     *     without a verifying requester signature
     */
    @Override
    public Admission submit(
            String workOrderId, String workerId, WorkOrderSubmitParams params, byte[] requestHash, byte[] rawRequest) {
        Dependencies deps = params == null ? null : params.dependencies();
        if (deps != null && store.workOrder(workOrderId).isEmpty()) {
            DependencyRules.checkAdmissible(store, workerId, params);
        }
        if (estimatedPending() >= settings.maxOutstanding()) {
            metrics.admission(Admission.BUSY);
            WorkOrderTrace.LOG.debug("refused: queue full");
            return Admission.BUSY;
        }
        long pendingBytes = countedBytes + admittedBytesSinceCount.get();
        // One work order is admitted into an empty queue whatever its size: the body limit bounds it.
        if (pendingBytes > 0 && pendingBytes + rawRequest.length > settings.maxOutstandingBytes()) {
            metrics.admission(Admission.BUSY);
            WorkOrderTrace.LOG.debug("refused: outstanding bytes full");
            return Admission.BUSY;
        }
        // Noted before the commit: its completion may be announced before submit returns.
        boolean noted = admittedAt.putIfAbsent(workOrderId, System.nanoTime()) == null;
        Admission stored;
        try {
            stored = Admission.of(table.submit(workOrderId, workerId, requestHash, rawRequest, clock.millis(), params));
        } catch (RuntimeException e) {
            if (noted) {
                admittedAt.remove(workOrderId);
            }
            throw e;
        }
        metrics.admission(stored);
        if (stored != Admission.ACCEPTED && noted) {
            admittedAt.remove(workOrderId);
        }
        if (stored == Admission.ACCEPTED) {
            admittedSinceCount.incrementAndGet();
            admittedBytesSinceCount.addAndGet(rawRequest.length);
            WorkOrderTrace.LOG.debug("admitted for worker {}", workerId);
            for (AdmissionListener listener : admissionListeners) {
                listener.admitted(workOrderId, workerId);
            }
        }
        return stored;
    }

    private long estimatedPending() {
        long now = clock.millis();
        if (now - countedAtMillis >= COUNT_REFRESH_MILLIS && countRefresh.tryLock()) {
            try {
                // Reset first: an admission racing the count is then counted twice, never missed.
                admittedSinceCount.set(0);
                admittedBytesSinceCount.set(0);
                PostgresQueueTable.PendingTotals totals = table.pendingTotals();
                countedPending = totals.count();
                countedBytes = totals.requestBytes();
                countedAtMillis = now;
            } finally {
                countRefresh.unlock();
            }
        }
        return countedPending + admittedSinceCount.get();
    }

    @Override
    public CompletableFuture<byte[]> completion(String workOrderId) {
        return waiters.await(workOrderId);
    }

    /**
     * The worker processes append their signed receipt update: they hold the keys, not the listener.
     */
    @Override
    public void receiptCreated(String workOrderId) {
        table.announceReceipt(workOrderId);
    }

    /**
     * True while a worker process's heartbeat on the worker is live ({@link SharedQueueWorker} renews
     * it every third of its lease): a worker stays served for up to a lease after its last process
     * died. A yes is remembered until that heartbeat lapses; a no is asked again each time, so a
     * worker process that starts is served at once.
     */
    @Override
    public boolean serves(String workerId) {
        Long until = servedUntil.get(workerId);
        long now = System.nanoTime();
        if (until != null && now - until < 0) {
            return true;
        }
        Duration left = table.servedFor(workerId);
        if (!left.isPositive()) {
            servedUntil.remove(workerId);
            return false;
        }
        servedUntil.put(workerId, now + left.toNanos());
        return true;
    }

    private void completed(String workOrderId) {
        Long admitted = admittedAt.remove(workOrderId);
        if (admitted != null) {
            metrics.latency(System.nanoTime() - admitted);
        }
        waiters.resolveFromStore(workOrderId);
    }

    /**
     * Completions announced while the notification connection was down: their waiters are resolved,
     * and their admissions forgotten (their latency is unknown).
     */
    private void recheckWaiters() {
        waiters.resolveAllFromStore();
        admittedAt
                .keySet()
                .removeIf(id -> store.workOrder(id)
                        .map(info -> info.status() != TcsStore.Status.PENDING)
                        .orElse(true));
    }

    /**
     * Fails the work orders that waited longer than the pending timeout without a live lease, with
     * code 1 and no run, and asks their worker processes to append their signed FAILED update.
     */
    private void expireWaiting() {
        try {
            List<PostgresQueueTable.Stale> stale;
            do {
                long now = clock.millis();
                stale = table.leaseStale(
                        now - settings.pendingTimeout().toMillis(), EXPIRY_OWNER, EXPIRY_BATCH, EXPIRY_LEASE);
                for (PostgresQueueTable.Stale workOrder : stale) {
                    settings.expiry(workOrder.receivedAtMillis(), now, workOrder.workerId())
                            .ifPresent(reason -> fail(workOrder.workOrderId(), reason, now));
                }
            } while (stale.size() == EXPIRY_BATCH);
        } catch (RuntimeException e) {
            log.error("Expiring waiting work orders failed; it will run again", e);
        }
    }

    private void fail(String workOrderId, String reason, long nowMillis) {
        byte[] response = DependencyRules.cannotRunResponse(workOrderId, reason);
        if (store.complete(new TcsStore.Completion(workOrderId, response, nowMillis, Map.of(), null))) {
            table.announceReceipt(workOrderId);
        }
    }

    private void purge() {
        try {
            settings.purge(store, clock.millis());
        } catch (RuntimeException e) {
            log.error("Purge failed; it will run again", e);
        }
    }

    @Override
    public void close() {
        purger.shutdownNow();
        notifications.close();
    }
}
