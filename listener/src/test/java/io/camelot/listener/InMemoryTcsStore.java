package io.camelot.listener;

import io.camelot.store.TcsStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A TcsStore test double: every method is one synchronized step, so each is atomic. */
final class InMemoryTcsStore implements TcsStore {
  private final Map<String, byte[]> workers = new TreeMap<>();
  private final Map<String, byte[]> requests = new LinkedHashMap<>();
  private final Map<String, WorkOrderInfo> infos = new LinkedHashMap<>();
  private final Map<String, byte[]> responses = new LinkedHashMap<>();
  private final Map<String, byte[]> receipts = new TreeMap<>();
  private final Map<String, List<byte[]>> receiptUpdates = new TreeMap<>();
  private final Map<String, byte[]> state = new TreeMap<>();

  @Override
  public synchronized void putWorker(String workerId, byte[] record) {
    workers.put(workerId, record.clone());
  }

  @Override
  public synchronized Optional<byte[]> worker(String workerId) {
    return Optional.ofNullable(workers.get(workerId));
  }

  @Override
  public synchronized List<String> workerIds() {
    return List.copyOf(workers.keySet());
  }

  @Override
  public synchronized SubmitResult submit(String workOrderId, String workerId, byte[] rawRequest, long receivedAtMillis) {
    if (infos.containsKey(workOrderId)) {
      return SubmitResult.DUPLICATE;
    }
    requests.put(workOrderId, rawRequest.clone());
    infos.put(workOrderId, new WorkOrderInfo(workOrderId, workerId, receivedAtMillis, Status.PENDING));
    return SubmitResult.ACCEPTED;
  }

  @Override
  public synchronized Optional<byte[]> request(String workOrderId) {
    return Optional.ofNullable(requests.get(workOrderId));
  }

  @Override
  public synchronized Optional<byte[]> response(String workOrderId) {
    return Optional.ofNullable(responses.get(workOrderId));
  }

  @Override
  public synchronized Optional<WorkOrderInfo> workOrder(String workOrderId) {
    return Optional.ofNullable(infos.get(workOrderId));
  }

  @Override
  public synchronized List<String> pending(String workerId) {
    return infos.values().stream()
        .filter(info -> info.workerId().equals(workerId) && info.status() == Status.PENDING)
        .map(WorkOrderInfo::workOrderId)
        .toList();
  }

  @Override
  public synchronized long pendingCount() {
    return infos.values().stream().filter(info -> info.status() == Status.PENDING).count();
  }

  @Override
  public synchronized boolean complete(Completion completion) {
    WorkOrderInfo info = infos.get(completion.workOrderId());
    if (info == null || info.status() == Status.COMPLETED) {
      return false;
    }
    infos.put(info.workOrderId(), new WorkOrderInfo(info.workOrderId(), info.workerId(), info.receivedAtMillis(), Status.COMPLETED));
    responses.put(info.workOrderId(), completion.response().clone());
    state.putAll(completion.stateWrites());
    byte[] receipt = receipts.get(info.workOrderId());
    if (receipt != null && completion.receiptUpdate() != null) {
      List<byte[]> updates = receiptUpdates.computeIfAbsent(info.workOrderId(), id -> new ArrayList<>());
      byte[] update = completion.receiptUpdate().build(receipt, List.copyOf(updates));
      if (update != null) {
        updates.add(update);
      }
    }
    return true;
  }

  @Override
  public synchronized int purge(long completedBeforeMillis, long maxRetained) {
    return 0;
  }

  @Override
  public synchronized boolean createReceipt(String workOrderId, byte[] rawCreateRequest) {
    return receipts.putIfAbsent(workOrderId, rawCreateRequest.clone()) == null;
  }

  @Override
  public synchronized Optional<byte[]> receipt(String workOrderId) {
    return Optional.ofNullable(receipts.get(workOrderId));
  }

  @Override
  public synchronized List<byte[]> receiptUpdates(String workOrderId) {
    return List.copyOf(receiptUpdates.getOrDefault(workOrderId, List.of()));
  }

  @Override
  public synchronized boolean appendReceiptUpdate(String workOrderId, int expectedCount, byte[] update) {
    if (!receipts.containsKey(workOrderId)) {
      return false;
    }
    List<byte[]> updates = receiptUpdates.computeIfAbsent(workOrderId, id -> new ArrayList<>());
    if (updates.size() != expectedCount) {
      return false;
    }
    updates.add(update.clone());
    return true;
  }

  @Override
  public synchronized List<String> receiptIds() {
    return List.copyOf(receipts.keySet());
  }

  @Override
  public synchronized Optional<byte[]> state(String key) {
    return Optional.ofNullable(state.get(key));
  }

  @Override
  public void close() {}
}
