package io.camelot.fabric.chaincode;

import java.util.List;

/**
 * The EEA Worker Registry List (the TCS catalog): which organization runs which worker registry for
 * which application types. An entry belongs to the organization (MSP id) that added it. An empty
 * applicationTypeId in a look-up matches every registry.
 */
final class RegistryList {
    static final int STATUS_ACTIVE = 1;
    static final int STATUS_DECOMMISSIONED = 3;

    private final Table<Registry> registries = new Table<>("registry", Registry.class);

    record Registry(String ownerMspId, String uri, String scAddr, List<String> appTypeIds, int status)
            implements Table.Owned {}

    List<Function> functions() {
        return List.of(
                Function.of("registryAdd orgId uri scAddr appTypeIds", this::add),
                Function.of("registryUpdate orgId uri scAddr appTypeIds", this::update),
                Function.of("registrySetStatus orgId status", this::setStatus),
                Function.of("registryLookUp appTypeId", this::lookUp),
                Function.of("registryLookUpNext appTypeId lookUpTag", this::lookUp),
                Function.of("registryRetrieve orgId", call -> registries.get(call.ledger(), call.id("orgId"))));
    }

    private Object add(Call call) {
        String orgId = call.id("orgId");
        Refusal.refuseUnless(registries.find(call.ledger(), orgId).isEmpty(), "registry " + orgId + " exists");
        registries.put(call.ledger(), orgId, entry(call, call.caller().mspId(), STATUS_ACTIVE));
        return null;
    }

    /** Replaces the entry's uri, address and application types. */
    private Object update(Call call) {
        Registry registry = Table.Owned.byCaller(registries, call, call.id("orgId"));
        registries.put(call.ledger(), call.text("orgId"), entry(call, registry.ownerMspId(), registry.status()));
        return null;
    }

    /** 1 active, 2 temporarily off-line, 3 decommissioned. */
    private Object setStatus(Call call) {
        Registry r = Table.Owned.byCaller(registries, call, call.id("orgId"));
        int status = call.number("status", STATUS_ACTIVE, STATUS_DECOMMISSIONED);
        registries.put(
                call.ledger(),
                call.text("orgId"),
                new Registry(r.ownerMspId(), r.uri(), r.scAddr(), r.appTypeIds(), status));
        return null;
    }

    private Object lookUp(Call call) {
        String appTypeId = call.text("appTypeId");
        return registries.lookUp(
                call.ledger(), r -> appTypeId.isEmpty() || r.appTypeIds().contains(appTypeId), call.lookUpTag());
    }

    private static Registry entry(Call call, String ownerMspId, int status) {
        return new Registry(ownerMspId, call.text("uri"), call.text("scAddr"), call.list("appTypeIds"), status);
    }
}
