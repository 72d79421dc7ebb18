package io.camelot.ops;

import io.camelot.scheduler.AdmissionListener;
import io.camelot.scheduler.CompletionListener;
import io.camelot.scheduler.QueuedWorkOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last work orders this process admitted, with when they were admitted and completed: ids and
 * timings only, never their data. Bounded, so it costs the same after a million work orders.
 */
public final class RecentWorkOrders implements AdmissionListener, CompletionListener {

  /**
   * @param completedAtMillis 0 while the work order is pending
   */
  public record Entry(
      String workOrderId, String workerId, long admittedAtMillis, long completedAtMillis) {}

  private final int capacity;
  private final Clock clock;
  private final Map<String, Entry> entries;

  public RecentWorkOrders(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, RecentWorkOrders.Entry> eldest) {
            return size() > RecentWorkOrders.this.capacity;
          }
        };
  }

  @Override
  public void admitted(String workOrderId, String workerId) {
    Entry entry = new Entry(workOrderId, workerId, clock.millis(), 0);
    synchronized (entries) {
      entries.put(workOrderId, entry);
    }
  }

  @Override
  public void completed(QueuedWorkOrder workOrder, byte[] response) {
    long now = clock.millis();
    synchronized (entries) {
      entries.computeIfPresent(
          workOrder.workOrderId(),
          (id, entry) -> new Entry(id, entry.workerId(), entry.admittedAtMillis(), now));
    }
  }

  /** Newest first. */
  public List<Entry> newestFirst(int limit) {
    List<Entry> copy;
    synchronized (entries) {
      copy = new ArrayList<>(entries.values());
    }
    List<Entry> result = new ArrayList<>(Math.min(limit, copy.size()));
    for (int i = copy.size() - 1; i >= 0 && result.size() < limit; i--) {
      result.add(copy.get(i));
    }
    return result;
  }
}
