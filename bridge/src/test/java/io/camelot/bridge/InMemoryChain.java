package io.camelot.bridge;

import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxy-model chain in memory, one event per block: what the bridge completes and updates is
 * counted per work order, so a test sees anything done twice. A work order's key is its submitter
 * and id joined by a slash.
 */
final class InMemoryChain implements ProxyChain {
    private final List<ChainWorkOrder> events = new ArrayList<>();
    final Map<String, String> responses = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> receiptUpdates = new ConcurrentHashMap<>();
    final Map<String, ReceiptStatus> receiptStatus = new ConcurrentHashMap<>();
    final Map<String, ChainWorker> workers = new ConcurrentHashMap<>();
    /** Completions of these keys are refused for good, as a compromised worker's are. */
    final java.util.Set<String> refuse = ConcurrentHashMap.newKeySet();

    static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    /** Completions of these keys fail this many more times. */
    final Map<String, AtomicInteger> failCompletions = new ConcurrentHashMap<>();

    /** Appends a WorkOrderSubmitted event in a block of its own. */
    synchronized void submit(String submitter, String workOrderId, String workerId, String request, int errorCode) {
        long block = events.size();
        events.add(new ChainWorkOrder(
                submitter + "/" + workOrderId,
                workerId,
                "aa",
                request,
                submitter,
                errorCode,
                new Checkpoint(block, "tx" + block)));
        notifyAll();
    }

    @Override
    public String describe() {
        return "in-memory chain";
    }

    @Override
    public synchronized long head() {
        return events.size() - 1;
    }

    @Override
    public void follow(Checkpoint after, Events sink) throws InterruptedException {
        long next = after.block() + 1; // one event per block: its transaction ends the block
        while (true) {
            ChainWorkOrder event;
            synchronized (this) {
                while (next >= events.size()) {
                    wait();
                }
                event = events.get((int) next);
            }
            sink.submitted(event);
            next++;
        }
    }

    @Override
    public boolean matches(ChainWorkOrder order, WorkOrderSubmitParams params) {
        return order.key().equals(order.submitter() + "/" + params.workOrderId())
                && order.workerId().equals(params.workerId());
    }

    @Override
    public Optional<String> response(ChainWorkOrder order) {
        return Optional.ofNullable(responses.get(order.key()));
    }

    @Override
    public void complete(ChainWorkOrder order, String response) {
        if (refuse.contains(order.key())) {
            throw new Refused("worker compromised");
        }
        AtomicInteger failures = failCompletions.get(order.key());
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new IllegalStateException("the orderer is unavailable");
        }
        if (responses.putIfAbsent(order.key(), response) == null) {
            completions.computeIfAbsent(order.key(), key -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void updateReceipt(ChainWorkOrder order, ReceiptStatus status, String updateData) {
        if (receiptStatus.putIfAbsent(order.key(), status) == null) {
            receiptUpdates
                    .computeIfAbsent(order.key(), key -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    @Override
    public boolean isPermanent(Exception failure) {
        return failure instanceof Refused;
    }

    @Override
    public String workerKey(String tcsWorkerId) {
        return tcsWorkerId;
    }

    @Override
    public Optional<ChainWorker> worker(String workerKey) {
        return Optional.ofNullable(workers.get(workerKey));
    }

    @Override
    public void registerWorker(String workerKey, WorkerRecord record, String details) {
        workers.put(workerKey, new ChainWorker(1, details));
    }

    @Override
    public void updateWorker(String workerKey, String details) {
        workers.computeIfPresent(workerKey, (key, worker) -> new ChainWorker(worker.status(), details));
    }

    @Override
    public void setWorkerStatus(String workerKey, int status) {
        workers.computeIfPresent(workerKey, (key, worker) -> new ChainWorker(status, worker.details()));
    }

    @Override
    public int listOrganization(WorkerRecord record) {
        return 0;
    }

    @Override
    public WorkerDetails onChain(WorkerDetails details) {
        return details;
    }
}
