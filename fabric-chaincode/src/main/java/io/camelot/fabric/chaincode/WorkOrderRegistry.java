package io.camelot.fabric.chaincode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The EEA proxy-model work order registry. Anyone may submit; only the TCS identity of the work order's
 * worker may complete it, only once, and not once the worker is marked compromised. Submission errors are
 * reported as errorCode in the result and the event rather than refused, as on Ethereum.
 *
 * <p>A work order is known by {@link #key(Ledger.Caller, String)}, derived from its submitter and the
 * id the submitter chose: a chosen id alone could be submitted first by anyone who saw it, refusing the
 * genuine order as a duplicate (review M10). The events, workOrderComplete, workOrderGet and the receipts
 * use the key; the request JSON keeps the submitter's id.
 */
final class WorkOrderRegistry {
    /** The EEA API version 1.1.0.0, as Avalon and the Ethereum contract emit it. */
    static final String VERSION = "0x01010000";

    static final int STATUS_ACTIVE = 1;
    static final int STATUS_COMPLETED = 2;
    static final int ERROR_NONE = 0;
    static final int ERROR_DUPLICATE = 1;
    static final int ERROR_WORKER_NOT_ACTIVE = 2;

    private final Table<WorkOrder> workOrders = new Table<>("workOrder", WorkOrder.class);
    private final WorkerRegistry workers;

    WorkOrderRegistry(WorkerRegistry workers) {
        this.workers = workers;
    }

    record WorkOrder(
            int status,
            String workerId,
            String requesterId,
            Ledger.Caller submitter,
            String request,
            String response) {}

    record Submitted(
            String workOrderId,
            String workerId,
            String requesterId,
            String workOrderRequest,
            int errorCode,
            Ledger.Caller sender,
            String version) {}

    record Completed(
            String requesterId,
            String workOrderId,
            int workOrderStatus,
            String workOrderResponse,
            int errorCode,
            String version) {}

    List<Function> functions() {
        return List.of(
                Function.of("workOrderSubmit workOrderId workerId requesterId workOrderRequest", this::submit),
                Function.of("workOrderComplete workOrderId workOrderResponse", this::complete),
                Function.of("workOrderGet workOrderId", call -> workOrder(call.ledger(), call.id("workOrderId"))));
    }

    /** A work order's key: SHA-256 (hex) of its submitter and the id it chose. */
    static String key(Ledger.Caller submitter, String workOrderId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Table.json(List.of(submitter.mspId(), submitter.id(), workOrderId))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The work order known by this key, refused if unknown. */
    WorkOrder workOrder(Ledger ledger, String key) {
        return workOrders.get(ledger, key);
    }

    /** The result: the work order's key and the errorCode (0: submitted). */
    private Object submit(Call call) {
        Ledger.Caller sender = call.caller();
        String key = key(sender, call.id("workOrderId"));
        String workerId = call.id("workerId");
        String requesterId = call.text("requesterId");
        String request = call.text("workOrderRequest");
        int errorCode;
        if (workOrders.find(call.ledger(), key).isPresent()) {
            errorCode = ERROR_DUPLICATE;
        } else if (!workers.isActive(call.ledger(), workerId)) {
            errorCode = ERROR_WORKER_NOT_ACTIVE;
        } else {
            errorCode = ERROR_NONE;
            workOrders.put(
                    call.ledger(), key, new WorkOrder(STATUS_ACTIVE, workerId, requesterId, sender, request, ""));
        }
        Submitted submitted = new Submitted(key, workerId, requesterId, request, errorCode, sender, VERSION);
        Table.emit(call.ledger(), "workOrderSubmitted", submitted);
        return submitted;
    }

    private Object complete(Call call) {
        String key = call.id("workOrderId");
        WorkOrder order = workOrder(call.ledger(), key);
        WorkerRegistry.Worker worker = workers.worker(call.ledger(), order.workerId());
        Refusal.refuseUnless(
                worker.tcs().equals(call.caller()), "the caller is not the TCS identity of worker " + order.workerId());
        // A worker marked compromised after the submission may have leaked its keys: its results are not taken.
        Refusal.refuseUnless(
                worker.status() != WorkerRegistry.STATUS_COMPROMISED, "worker " + order.workerId() + " is compromised");
        Refusal.refuseUnless(order.status() == STATUS_ACTIVE, "work order " + key + " is already completed");
        String response = call.text("workOrderResponse");
        workOrders.put(
                call.ledger(),
                key,
                new WorkOrder(
                        STATUS_COMPLETED,
                        order.workerId(),
                        order.requesterId(),
                        order.submitter(),
                        order.request(),
                        response));
        Completed completed = new Completed(order.requesterId(), key, STATUS_COMPLETED, response, ERROR_NONE, VERSION);
        Table.emit(call.ledger(), "workOrderCompleted", completed);
        return completed;
    }
}
