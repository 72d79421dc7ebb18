package io.camelot.ops;

import io.camelot.scheduler.AdmissionListener;
import io.camelot.scheduler.CompletionListener;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.store.LmdbTcsStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last work orders this process admitted (and, {@link #restore read back}, those before a
 * restart), with when they were admitted and completed: ids and timings only, never their data.
 * Bounded, so it costs the same after a million work orders.
 */
public final class RecentWorkOrders implements AdmissionListener, CompletionListener {

    /**
     * @param completedAtMillis 0 while the work order is pending
     */
    public record Entry(String workOrderId, String workerId, long admittedAtMillis, long completedAtMillis) {}

    private final int capacity;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public RecentWorkOrders(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.entries = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RecentWorkOrders.Entry> eldest) {
                return size() > RecentWorkOrders.this.capacity;
            }
        };
    }

    /**
     * Reads back the newest work orders of {@code store}, pending and completed, so that the history
     * survives a restart. Called before the store's work orders are admitted or complete.
     */
    public void restore(LmdbTcsStore store) {
        List<Entry> found = new ArrayList<>();
        for (LmdbTcsStore.CompletedWorkOrder done : store.lastCompleted(capacity)) {
            found.add(
                    new Entry(done.workOrderId(), done.workerId(), done.receivedAtMillis(), done.completedAtMillis()));
        }
        for (String workerId : store.workerIds()) {
            for (String id : store.pending(workerId)) {
                store.workOrder(id).ifPresent(info -> found.add(new Entry(id, workerId, info.receivedAtMillis(), 0)));
            }
        }
        found.sort(Comparator.comparingLong(Entry::admittedAtMillis));
        synchronized (entries) {
            for (Entry entry : found) {
                entries.put(entry.workOrderId(), entry);
            }
        }
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
