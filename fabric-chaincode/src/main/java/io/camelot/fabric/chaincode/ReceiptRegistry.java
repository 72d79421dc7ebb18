package io.camelot.fabric.chaincode;

import java.util.ArrayList;
import java.util.List;

/**
 * EEA work order receipts, one per work order (known by its key, see WorkOrderRegistry). Only the work
 * order's submitter creates its receipt; only that submitter or the TCS identity of the work order's
 * worker updates it. Update types 0 to 255 set the receipt's status; larger ones are application-specific
 * and leave it alone. Empty ids and receiptStatus 255 are look-up wildcards.
 */
final class ReceiptRegistry {
    static final int STATUS_ANY = 255;
    /** updateIndex for the latest update. */
    static final long LAST_UPDATE = 0xFFFFFFFFL;

    static final int ERROR_EXISTS = 1;

    private final Table<Receipt> receipts = new Table<>("receipt", Receipt.class);
    private final WorkOrderRegistry workOrders;
    private final WorkerRegistry workers;

    ReceiptRegistry(WorkOrderRegistry workOrders, WorkerRegistry workers) {
        this.workOrders = workOrders;
        this.workers = workers;
    }

    record Update(
            String updaterId, long updateType, String updateData, String updateSignature, String signatureRules) {}

    record Receipt(
            Ledger.Caller creator,
            String workerServiceId,
            String workerId,
            String requesterId,
            long receiptCreateStatus,
            String workOrderRequestHash,
            long currentReceiptStatus,
            List<Update> updates) {}

    record Created(
            String workOrderId,
            String workerServiceId,
            String requesterId,
            String workerId,
            long receiptStatus,
            String workOrderRequestHash,
            int errorCode) {}

    record Updated(String workOrderId, Update update, int errorCode) {}

    /** An update as workOrderReceiptUpdateRetrieve returns it: with how many match the updater. */
    record Found(Update update, long updateCount) {}

    List<Function> functions() {
        return List.of(
                Function.of(
                        "workOrderReceiptCreate workOrderId workerId workerServiceId requesterId receiptCreateStatus workOrderRequestHash",
                        this::create),
                Function.of(
                        "workOrderReceiptUpdate workOrderId updaterId updateType updateData updateSignature signatureRules",
                        this::update),
                Function.of(
                        "workOrderReceiptRetrieve workOrderId",
                        call -> receipts.get(call.ledger(), call.id("workOrderId"))),
                Function.of("workOrderReceiptUpdateRetrieve workOrderId updaterId updateIndex", this::updateRetrieve),
                Function.of("workOrderReceiptLookUp workerServiceId workerId requesterId receiptStatus", this::lookUp),
                Function.of(
                        "workOrderReceiptLookUpNext workerServiceId workerId requesterId receiptStatus lookUpTag",
                        this::lookUp));
    }

    private Object create(Call call) {
        String key = call.id("workOrderId");
        WorkOrderRegistry.WorkOrder order = workOrders.workOrder(call.ledger(), key);
        Refusal.refuseUnless(
                order.submitter().equals(call.caller()), "the caller is not the submitter of work order " + key);
        String workerId = call.text("workerId");
        Refusal.refuseUnless(order.workerId().equals(workerId), "work order " + key + " is not for worker " + workerId);
        long status = call.number("receiptCreateStatus");
        int errorCode = 0;
        if (receipts.find(call.ledger(), key).isPresent()) {
            errorCode = ERROR_EXISTS;
        } else {
            receipts.put(
                    call.ledger(),
                    key,
                    new Receipt(
                            call.caller(),
                            call.text("workerServiceId"),
                            workerId,
                            call.text("requesterId"),
                            status,
                            call.text("workOrderRequestHash"),
                            status,
                            List.of()));
        }
        Created created = new Created(
                key,
                call.text("workerServiceId"),
                call.text("requesterId"),
                workerId,
                status,
                call.text("workOrderRequestHash"),
                errorCode);
        Table.emit(call.ledger(), "workOrderReceiptCreated", created);
        return created;
    }

    private Object update(Call call) {
        String key = call.id("workOrderId");
        Receipt r = receipts.get(call.ledger(), key);
        Refusal.refuseUnless(
                call.caller().equals(r.creator())
                        || call.caller()
                                .equals(workers.worker(call.ledger(), r.workerId())
                                        .tcs()),
                "the caller is neither the creator of receipt " + key + " nor its worker's TCS identity");
        Update update = new Update(
                call.text("updaterId"),
                call.number("updateType"),
                call.text("updateData"),
                call.text("updateSignature"),
                call.text("signatureRules"));
        List<Update> updates = new ArrayList<>(r.updates());
        updates.add(update);
        long status = update.updateType() <= STATUS_ANY ? update.updateType() : r.currentReceiptStatus();
        receipts.put(
                call.ledger(),
                key,
                new Receipt(
                        r.creator(),
                        r.workerServiceId(),
                        r.workerId(),
                        r.requesterId(),
                        r.receiptCreateStatus(),
                        r.workOrderRequestHash(),
                        status,
                        updates));
        Updated updated = new Updated(key, update, 0);
        Table.emit(call.ledger(), "workOrderReceiptUpdated", updated);
        return updated;
    }

    /** An empty updaterId matches every updater; updateIndex is 1-based, or LAST_UPDATE for the latest. */
    private Object updateRetrieve(Call call) {
        String updaterId = call.text("updaterId");
        List<Update> matching = receipts.get(call.ledger(), call.id("workOrderId")).updates().stream()
                .filter(u -> updaterId.isEmpty() || u.updaterId().equals(updaterId))
                .toList();
        Refusal.refuseUnless(!matching.isEmpty(), "no such update");
        long index = call.number("updateIndex");
        long wanted = index == LAST_UPDATE ? matching.size() : index;
        Refusal.refuseUnless(wanted >= 1 && wanted <= matching.size(), "update index " + index + " out of range");
        return new Found(matching.get((int) wanted - 1), matching.size());
    }

    private Object lookUp(Call call) {
        String workerServiceId = call.text("workerServiceId");
        String workerId = call.text("workerId");
        String requesterId = call.text("requesterId");
        long status = call.number("receiptStatus");
        return receipts.lookUp(
                call.ledger(),
                r -> (workerServiceId.isEmpty() || r.workerServiceId().equals(workerServiceId))
                        && (workerId.isEmpty() || r.workerId().equals(workerId))
                        && (requesterId.isEmpty() || r.requesterId().equals(requesterId))
                        && (status == STATUS_ANY || r.currentReceiptStatus() == status),
                call.lookUpTag());
    }
}
