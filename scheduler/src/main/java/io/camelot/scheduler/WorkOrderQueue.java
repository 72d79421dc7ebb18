package io.camelot.scheduler;

import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.concurrent.CompletableFuture;

/**
 * The Workorder Queue Manager as the listener sees it: admission, durable enqueue, and completion
 * events. Processing happens elsewhere (workers attach to the queue); completions are signalled, never
 * polled for.
 */
public interface WorkOrderQueue {

  /**
   * Admits a validated work order: refuses it when the queue is full, otherwise stores the raw
   * request durably and hands it to its worker. Returns only after the store commit.
   *
   * @param requestHash the request hash of {@code params}, computed once by the listener
   * @param rawRequest the JSON-RPC request exactly as received, kept for recovery and receipts
   * @throws io.camelot.protocol.EeaException if the work order's dependencies extension names an
   *     unknown predecessor (code 2); nothing is stored then
   */
  Admission submit(
      String workOrderId, String workerId, WorkOrderSubmitParams params, byte[] requestHash, byte[] rawRequest);

  /**
   * A future that completes with the stored response bytes (a serialised
   * {@link io.camelot.protocol.model.WorkOrderResponse}) once the work order has completed;
   * already complete if it has. Never completes for an unknown id.
   */
  CompletableFuture<byte[]> completion(String workOrderId);

  /**
   * Tells the work order's worker that a receipt now exists, so that, if the work order has already
   * completed, the worker appends its signed PROCESSED or FAILED update (a work order completing
   * later appends it as part of its completion).
   */
  void receiptCreated(String workOrderId);

  enum Admission {
    ACCEPTED,
    DUPLICATE,
    BUSY
  }
}
