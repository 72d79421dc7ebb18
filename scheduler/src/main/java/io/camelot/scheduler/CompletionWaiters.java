package io.camelot.scheduler;

import io.camelot.store.TcsStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Callers waiting for work orders to complete (sync-mode submits), resolved with the stored
 * response. Shared by the in-process and the shared-database queues, so both close the race between
 * "not completed yet" and registering the waiter the same way.
 */
public final class CompletionWaiters {
    private final TcsStore store;
    private final Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();

    public CompletionWaiters(TcsStore store) {
        this.store = store;
    }

    /** Already complete if the work order has completed; otherwise completes when it does. */
    public CompletableFuture<byte[]> await(String workOrderId) {
        CompletableFuture<byte[]> waiter = waiting.computeIfAbsent(workOrderId, id -> new CompletableFuture<>());
        // One read after registering: a completion before it is seen here, one after it resolves the
        // waiter (every submit awaits its completion, to release its outstanding bytes).
        store.response(workOrderId).ifPresent(response -> resolve(workOrderId, response));
        return waiter;
    }

    public void resolve(String workOrderId, byte[] response) {
        CompletableFuture<byte[]> waiter = waiting.remove(workOrderId);
        if (waiter != null) {
            waiter.complete(response);
        }
    }

    /** Resolves the work order's waiter, if there is one, from the store. */
    public void resolveFromStore(String workOrderId) {
        if (waiting.containsKey(workOrderId)) {
            store.response(workOrderId).ifPresent(response -> resolve(workOrderId, response));
        }
    }

    /** Checks every waiter against the store, e.g. after completion events may have been missed. */
    public void resolveAllFromStore() {
        List.copyOf(waiting.keySet()).forEach(this::resolveFromStore);
    }
}
