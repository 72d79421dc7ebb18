package io.camelot.fabric.chaincode;

import java.util.List;

/**
 * The EEA Worker Registry. A worker belongs to the organization (MSP id) that registered it: only that
 * organization updates it, sets its status or names its TCS identity, the one creator allowed to
 * complete its work orders (the registering creator until changed). Empty ids and workerType 0 are
 * look-up wildcards.
 */
final class WorkerRegistry {
    static final int STATUS_ACTIVE = 1;
    static final int STATUS_COMPROMISED = 4;

    private final Table<Worker> workers = new Table<>("worker", Worker.class);

    record WorkerRegistered(String workerId, long workerType, String organizationId, String ownerMspId) {}

    record Worker(
            String ownerMspId,
            Ledger.Caller tcs,
            int status,
            long workerType,
            String organizationId,
            List<String> applicationTypeId,
            String details)
            implements Table.Owned {
        Worker with(int newStatus, Ledger.Caller newTcs, String newDetails) {
            return new Worker(ownerMspId, newTcs, newStatus, workerType, organizationId, applicationTypeId, newDetails);
        }
    }

    List<Function> functions() {
        return List.of(
                Function.of(
                        "workerRegister workerId workerType organizationId applicationTypeId details", this::register),
                Function.of("workerUpdate workerId details", this::update),
                Function.of("workerSetStatus workerId status", this::setStatus),
                Function.of("workerSetTcsIdentity workerId mspId id", this::setTcsIdentity),
                Function.of("workerLookUp workerType organizationId applicationTypeId", this::lookUp),
                Function.of("workerLookUpNext workerType organizationId applicationTypeId lookUpTag", this::lookUp),
                Function.of("workerRetrieve workerId", this::retrieve));
    }

    /** The worker, refused if unknown. */
    Worker worker(Ledger ledger, String workerId) {
        return workers.get(ledger, workerId);
    }

    boolean isActive(Ledger ledger, String workerId) {
        return workers.find(ledger, workerId)
                .filter(w -> w.status() == STATUS_ACTIVE)
                .isPresent();
    }

    private Object register(Call call) {
        String workerId = call.id("workerId");
        long workerType = call.number("workerType");
        Refusal.refuseUnless(workerType != 0, "workerType is 0");
        String organizationId = call.id("organizationId");
        Refusal.refuseUnless(workers.find(call.ledger(), workerId).isEmpty(), "worker " + workerId + " exists");
        Ledger.Caller caller = call.caller();
        workers.put(
                call.ledger(),
                workerId,
                new Worker(
                        caller.mspId(),
                        caller,
                        STATUS_ACTIVE,
                        workerType,
                        organizationId,
                        call.list("applicationTypeId"),
                        call.text("details")));
        Table.emit(
                call.ledger(),
                "workerRegistered",
                new WorkerRegistered(workerId, workerType, organizationId, caller.mspId()));
        return null;
    }

    private Object update(Call call) {
        Worker worker = Table.Owned.byCaller(workers, call, call.id("workerId"));
        workers.put(
                call.ledger(), call.text("workerId"), worker.with(worker.status(), worker.tcs(), call.text("details")));
        return null;
    }

    /** 1 active, 2 off-line, 3 decommissioned, 4 compromised. */
    private Object setStatus(Call call) {
        Worker worker = Table.Owned.byCaller(workers, call, call.id("workerId"));
        int status = call.number("status", STATUS_ACTIVE, STATUS_COMPROMISED);
        workers.put(call.ledger(), call.text("workerId"), worker.with(status, worker.tcs(), worker.details()));
        return null;
    }

    private Object setTcsIdentity(Call call) {
        Worker worker = Table.Owned.byCaller(workers, call, call.id("workerId"));
        Ledger.Caller tcs = new Ledger.Caller(call.id("mspId"), call.id("id"));
        workers.put(call.ledger(), call.text("workerId"), worker.with(worker.status(), tcs, worker.details()));
        return null;
    }

    private Object lookUp(Call call) {
        long workerType = call.number("workerType");
        String organizationId = call.text("organizationId");
        String appTypeId = call.text("applicationTypeId");
        return workers.lookUp(
                call.ledger(),
                w -> (workerType == 0 || w.workerType() == workerType)
                        && (organizationId.isEmpty() || w.organizationId().equals(organizationId))
                        && (appTypeId.isEmpty() || w.applicationTypeId().contains(appTypeId)),
                call.lookUpTag());
    }

    /** The EEA's status, workerType, organizationId, applicationTypeId and details, with owner and TCS. */
    private Object retrieve(Call call) {
        return worker(call.ledger(), call.id("workerId"));
    }
}
