package io.camelot.scheduler;

import io.camelot.protocol.model.WorkOrderSubmitParams;

/**
 * A work order handed to a worker.
 *
 * @param params the parsed params when the listener admitted it in this process; null after a
 *     restart, when the worker parses {@code rawRequest} (the same single parser)
 * @param rawRequest the JSON-RPC request exactly as received
 */
public record QueuedWorkOrder(String workOrderId, String workerId, WorkOrderSubmitParams params, byte[] rawRequest) {}
