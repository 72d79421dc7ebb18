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
 * <p>Admission (BUSY beyond {@code maxOutstanding}) counts the pending work orders of the whole
 * database, re-read at most every {@link #COUNT_REFRESH_MILLIS} ms and increased by this listener's
 * own admissions in between: across listeners the limit may be overshot by what the others admit
 * within that window.
 *
 * <p>Declared dependencies (docs/dependencies.md) are checked here and stored with the work order;
 * the worker processes' claims honour them ({@link PostgresQueueTable#claim}).
 *
 * <p>Its meters are those of every queue ({@link QueueMetrics}): {@code camelot.queue.outstanding}
 * is the estimate admission uses; the latency of a work order admitted here runs until its
 * completion is announced; no worker is attached here, so nothing waits in a lane of this process
 * and no queue wait is recorded.
 */
public final class SharedWorkOrderQueue implements WorkOrderQueue, AutoCloseable {
  static final long COUNT_REFRESH_MILLIS = 200;
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
  private volatile long countedPending;
  private volatile long countedAtMillis;

  public SharedWorkOrderQueue(PostgresQueueTable table, QueueSettings settings, Clock clock) {
    this(table, settings, clock, new CompositeMeterRegistry());
  }

  /**
   * @param registry where the queue's meters go (an empty composite registry makes them no-ops)
   */
  public SharedWorkOrderQueue(
      PostgresQueueTable table, QueueSettings settings, Clock clock, MeterRegistry registry) {
    this.table = table;
    this.store = table.store();
    this.waiters = new CompletionWaiters(store);
    this.settings = settings;
    this.clock = clock;
    this.metrics = new QueueMetrics(registry, this::estimatedPending, () -> 0);
    this.notifications =
        PostgresNotifications.listen(
            table.settings(),
            Map.of(
                PostgresNotifications.COMPLETED_CHANNEL,
                payload -> completed(Ids.fromPayload(payload))),
            this::recheckWaiters);
    this.purger =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("queue-purge").daemon().factory());
    long every = settings.purgeInterval().toMillis();
    purger.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
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
      String workOrderId,
      String workerId,
      WorkOrderSubmitParams params,
      byte[] requestHash,
      byte[] rawRequest) {
    Dependencies deps = params == null ? null : params.dependencies();
    if (deps != null && store.workOrder(workOrderId).isEmpty()) {
      DependencyRules.checkAdmissible(store, workerId, params);
    }
    if (estimatedPending() >= settings.maxOutstanding()) {
      metrics.admission(Admission.BUSY);
      WorkOrderTrace.LOG.debug("refused: queue full");
      return Admission.BUSY;
    }
    // Noted before the commit: its completion may be announced before submit returns.
    boolean noted = admittedAt.putIfAbsent(workOrderId, System.nanoTime()) == null;
    Admission stored;
    try {
      stored =
          Admission.of(
              table.submit(workOrderId, workerId, requestHash, rawRequest, clock.millis(), params));
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
        countedPending = store.pendingCount();
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
   * Always true: worker processes leave no trace of being alive in the database (no heartbeat
   * table), so a work order for a worker no process serves waits until one starts.
   */
  @Override
  public boolean serves(String workerId) {
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
        .removeIf(
            id ->
                store
                    .workOrder(id)
                    .map(info -> info.status() != TcsStore.Status.PENDING)
                    .orElse(true));
  }

  private void purge() {
    try {
      long now = clock.millis();
      long cutoff = now - settings.retainCompleted().toMillis();
      store.purge(cutoff, settings.maxRetainedCompleted(), settings.purgeFloorMillis(now));
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
