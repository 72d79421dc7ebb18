package io.camelot.store.postgres;

import io.camelot.scheduler.CompletionListener;
import io.camelot.scheduler.DependencyRules;
import io.camelot.scheduler.QueueMetrics;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.scheduler.WorkOrderStages;
import io.camelot.scheduler.WorkerAvailability;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one worker's work orders from the shared PostgreSQL queue in a worker process. Any number
 * of processes may drain the same worker's queue: each claim leases work orders with {@code FOR
 * UPDATE SKIP LOCKED}, so a work order goes to one process; leases of running work orders are
 * renewed every third of the lease, and a crashed process's work orders become claimable again when
 * its leases expire. The store's idempotent completion then makes every work order complete exactly
 * once, even if a presumed-dead process finishes late.
 *
 * <p>The claim loop sleeps until a submission for this worker is announced ({@code NOTIFY}), a
 * completion announces that work orders of this worker it held back may now run (the same channel),
 * or a running work order finishes; only the lease-expiry check wakes it on a timer.
 *
 * <p>While it runs, the process keeps a heartbeat on its worker in the database, renewed with the
 * leases ({@link PostgresQueueTable#serve}): listeners admit work orders only for a worker some
 * process serves.
 *
 * <p>Its meters are the worker side of every queue's ({@link QueueMetrics}): the queue wait runs
 * from admission (the listener's clock) until a thread of this process takes the work order, the
 * latency until this process stored its outcome, and {@code camelot.queue.depth} counts the
 * worker's pending work orders that no process holds a lease on, cluster-wide.
 *
 * <p>Work orders with declared dependencies are claimed only when they may run ({@link
 * PostgresQueueTable#claim}); one whose predecessor failed is failed here, naming the predecessor,
 * as the single-node scheduler does.
 */
public final class SharedQueueWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedQueueWorker.class);

    private final TcsStore store;
    private final PostgresQueueTable table;
    private final String workerId;
    private final String workerPayload;
    private final WorkOrderProcessor processor;
    private final int concurrency;
    private final Duration lease;
    private final String owner;
    private final Semaphore freeSlots;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final List<CompletionListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final ExecutorService executor;
    private final ExecutorService receiptThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeat;
    private final Timer queueWait;
    private final Timer latency;
    private final Thread claimer;
    private PostgresNotifications notifications;
    private boolean signalled = true;
    private volatile boolean stopping;

    /**
     * @param concurrency work orders processed at once by this process
     * @param lease how long a claim holds without renewal; a crashed process's work orders wait this
     *     long before another process takes them
     */
    public SharedQueueWorker(
            PostgresQueueTable table, String workerId, WorkOrderProcessor processor, int concurrency, Duration lease) {
        this(table, workerId, processor, concurrency, lease, new CompositeMeterRegistry());
    }

    /**
     * @param registry where the process's queue meters go (an empty composite registry makes them
     *     no-ops)
     */
    public SharedQueueWorker(
            PostgresQueueTable table,
            String workerId,
            WorkOrderProcessor processor,
            int concurrency,
            Duration lease,
            MeterRegistry registry) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("lease must be at least 300 ms, got " + lease);
        }
        this.table = table;
        this.store = table.store();
        this.workerId = workerId;
        this.workerPayload = Ids.toPayload(Ids.encode(workerId, "workerId"));
        this.processor = processor;
        this.concurrency = concurrency;
        this.lease = lease;
        this.owner = ProcessHandle.current().pid() + "@" + hostName() + "/" + UUID.randomUUID();
        this.freeSlots = new Semaphore(concurrency);
        String prefix = "worker-" + workerId.substring(0, Math.min(8, workerId.length())) + "-";
        this.executor = Executors.newFixedThreadPool(
                concurrency, Thread.ofPlatform().name(prefix, 1).daemon().factory());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lease-heartbeat").daemon().factory());
        this.claimer = Thread.ofPlatform().name("queue-claimer").daemon().unstarted(this::claimLoop);
        this.queueWait = WorkOrderStages.timer(registry, WorkOrderStages.QUEUE_WAIT);
        this.latency = QueueMetrics.latencyTimer(registry);
        QueueMetrics.depthGauge(
                registry, workerId, () -> table.queueDepth(workerId).queued());
    }

    public void addCompletionListener(CompletionListener listener) {
        listeners.add(listener);
    }

    /** The lease owner this process writes into the rows it claims. */
    public String owner() {
        return owner;
    }

    /** Work orders this process is running now. */
    public int busy() {
        return running.size();
    }

    public void start() {
        notifications = PostgresNotifications.listen(
                table.settings(),
                Map.of(
                        PostgresNotifications.SUBMITTED_CHANNEL,
                                payload -> {
                                    if (workerPayload.equals(payload)) signal();
                                },
                        PostgresNotifications.RECEIPT_CHANNEL, payload -> receiptCreated(Ids.fromPayload(payload))),
                this::signal);
        // Served from now on, before any listener asks.
        beat();
        long every = Math.max(100, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        claimer.start();
    }

    private void claimLoop() {
        long expiryCheckMillis = Math.max(100, lease.toMillis() / 2);
        while (!stopping) {
            try {
                freeSlots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            if (stopping) {
                return;
            }
            int slots = 1 + freeSlots.drainPermits();
            clearSignal();
            List<PostgresQueueTable.Claim> claims;
            try {
                claims = table.claim(List.of(workerId), owner, slots, lease);
            } catch (RuntimeException e) {
                freeSlots.release(slots);
                if (stopping) {
                    return;
                }
                // The database is unreachable or failing; the queue is durable: back off, then retry.
                log.warn("Claiming work orders failed: {}", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            freeSlots.release(slots - claims.size());
            claims.forEach(this::dispatch);
            if (claims.isEmpty()) {
                awaitSignal(expiryCheckMillis);
            }
        }
    }

    private void dispatch(PostgresQueueTable.Claim claim) {
        running.add(claim.workOrderId());
        if (claim.attempt() > 1) {
            log.info(
                    "Work order {} claimed again (attempt {}): its previous lease expired",
                    claim.workOrderId(),
                    claim.attempt());
        }
        QueuedWorkOrder workOrder =
                new QueuedWorkOrder(claim.workOrderId(), claim.workerId(), null, claim.rawRequest());
        executor.execute(() -> run(workOrder, claim.gated(), claim.receivedAtMillis()));
    }

    private void run(QueuedWorkOrder workOrder, boolean gated, long receivedAtMillis) {
        sinceAdmission(queueWait, receivedAtMillis);
        try {
            // A worker whose status is no longer ACTIVE runs nothing, whatever waited for it.
            String cannotRun = WorkerAvailability.refusal(store, workOrder.workerId())
                    .orElseGet(() -> gated ? predecessorFailure(workOrder.workOrderId()) : null);
            byte[] response = cannotRun == null ? processor.process(workOrder) : cannotRun(workOrder, cannotRun);
            if (response != null) {
                sinceAdmission(latency, receivedAtMillis);
                for (CompletionListener listener : listeners) {
                    listener.completed(workOrder, response);
                }
            }
        } catch (RuntimeException e) {
            // Not completed: the lease lapses and the work order is claimed again.
            log.error("Work order {} could not be completed; it stays queued", workOrder.workOrderId(), e);
        } finally {
            running.remove(workOrder.workOrderId());
            freeSlots.release();
            signal();
        }
    }

    /** Records the time since admission; never below zero, the listener's clock may run ahead. */
    private static void sinceAdmission(Timer timer, long receivedAtMillis) {
        timer.record(Math.max(0, System.currentTimeMillis() - receivedAtMillis), TimeUnit.MILLISECONDS);
    }

    /**
     * Why a claimed gated work order cannot run: the first of its predecessors, in declared order,
     * that failed or was purged; null if all succeeded. The claim guarantees they have all completed.
     */
    private String predecessorFailure(String workOrderId) {
        for (PostgresQueueTable.Predecessor predecessor : table.predecessors(workOrderId)) {
            if (predecessor.response().isEmpty()) {
                return DependencyRules.predecessorUnknown(predecessor.workOrderId());
            }
            String failure = DependencyRules.failureOf(predecessor.response().get());
            if (failure != null) {
                return DependencyRules.predecessorFailed(predecessor.workOrderId(), failure);
            }
        }
        return null;
    }

    /**
     * Completes a work order that must not run (its predecessor failed, or its worker is not ACTIVE),
     * through the store like any completion (so listeners' waiters and the work orders waiting for
     * this one learn of it); the worker appends its signed FAILED update if a receipt exists.
     *
     * @return the stored response, or null if the work order had already been completed
     */
    private byte[] cannotRun(QueuedWorkOrder workOrder, String reason) {
        String id = workOrder.workOrderId();
        byte[] response = DependencyRules.cannotRunResponse(id, reason);
        if (!store.complete(new TcsStore.Completion(id, response, System.currentTimeMillis(), Map.of(), null))) {
            return null;
        }
        processor.receiptCreated(id);
        return response;
    }

    /** Renews this process's heartbeat on its worker and its leases on the running work orders. */
    private void beat() {
        try {
            if (!stopping) {
                table.serve(workerId, owner, lease);
            }
            table.renewLeases(owner, Set.copyOf(running), lease);
        } catch (RuntimeException e) {
            log.warn("Renewing the heartbeat and work order leases failed: {}", e.getMessage());
        }
    }

    private void receiptCreated(String workOrderId) {
        receiptThreads.execute(() -> {
            boolean ours = store.workOrder(workOrderId)
                    .filter(info -> info.workerId().equals(workerId) && info.status() == TcsStore.Status.COMPLETED)
                    .isPresent();
            if (ours) {
                processor.receiptCreated(workOrderId);
            }
        });
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void clearSignal() {
        lock.lock();
        try {
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    private void awaitSignal(long timeoutMillis) {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (!signalled && !stopping && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drains: claims nothing more, lets the running work orders finish (and their leases be renewed
     * meanwhile), then stops. Work orders still queued stay in the database for the other processes.
     */
    @Override
    public void close() {
        // No interrupt: it could abandon a claim that committed, whose work orders would then wait out
        // their leases. A spare permit and a signal wake the claim loop wherever it waits.
        stopping = true;
        freeSlots.release();
        signal();
        // Listeners stop admitting for the worker unless another process serves it.
        try {
            table.unserve(workerId, owner);
        } catch (RuntimeException e) {
            log.warn("Withdrawing the heartbeat failed; it lapses within a lease: {}", e.getMessage());
        }
        try {
            claimer.join(10_000);
            executor.shutdown();
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("Work orders still running after 60 s; their leases will lapse");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        heartbeat.shutdownNow();
        receiptThreads.shutdown();
        if (notifications != null) {
            notifications.close();
        }
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        return host;
    }
}
