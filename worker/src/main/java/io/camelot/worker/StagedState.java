package io.camelot.worker;

import io.camelot.io.ConnectorState;
import io.camelot.io.Connectors;
import io.camelot.protocol.Hex;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.DependencyRules;
import io.camelot.store.TcsStore;
import io.camelot.workload.ExternalIo;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workload's view of its state during one work order: reads see committed state overlaid with
 * this work order's own writes; writes are staged and committed by the store together with the
 * response. Keys are namespaced by workload so one workload cannot touch another's state.
 *
 * <p>Scoped to declared resources, it refuses any key whose resource the work order did not declare
 * (reads need a read or write lock, writes a write lock), and it keeps the state in the requester
 * key's own namespace, as the locks are the requester key's own ({@link
 * DependencyRules#lockModes}): the resource locks then really cover every access. Connector state
 * (the {@code kv} connector's values) is External IO, granted per workload by the operator: it
 * lives under {@link ConnectorState#STORE_PREFIX}, stages and commits the same way, and is outside
 * that scoping.
 */
final class StagedState implements WorkloadContext {
    private final TcsStore store;
    private final String namespace;
    private final ExternalIo io;
    private final Logger workloadLog;
    private final Map<String, byte[]> writes = new HashMap<>();
    private final Workload scopeOwner;
    private final Set<String> readable;
    private final Set<String> writable;
    private final Optional<String> requesterKey;

    /**
     * @param params the work order, its signature verified; when its dependencies name resources,
     *     state is limited to those resources, in the requester key's namespace
     */
    StagedState(TcsStore store, Workload workload, WorkOrderSubmitParams params, Connectors connectors) {
        Dependencies deps = params.dependencies();
        this.store = store;
        // Two requesters' wallet:alice are two locks, so they must be two accounts: a state shared
        // across keys would be written by work orders no lock serialises.
        this.namespace = deps != null && deps.hasResources()
                ? workload.name() + "/" + DependencyRules.lockScope(params) + "/"
                : workload.name() + "/";
        this.io = connectors.forWorkOrder(workload.name(), new StagedConnectorState());
        this.requesterKey =
                params.verifyingKey() == null || params.verifyingKey().isBlank()
                        ? Optional.empty()
                        : Optional.of(Hex.upper(Sha256.digest(params.verifyingKey())));
        this.workloadLog = LoggerFactory.getLogger("io.camelot.workload." + workload.name());
        if (deps != null && deps.hasResources()) {
            this.scopeOwner = workload;
            this.writable = Set.copyOf(deps.writeResources());
            this.readable = new HashSet<>(deps.readResources());
            this.readable.addAll(writable);
        } else {
            this.scopeOwner = null;
            this.readable = null;
            this.writable = null;
        }
    }

    @Override
    public void log(String message) {
        workloadLog.info("{}", message);
    }

    @Override
    public Optional<String> requesterKey() {
        return requesterKey;
    }

    @Override
    public ExternalIo io() {
        return io;
    }

    @Override
    public Optional<byte[]> state(String key) {
        requireDeclared(key, readable, "read");
        byte[] staged = writes.get(namespace + key);
        return staged != null ? Optional.of(staged) : store.state(namespace + key);
    }

    @Override
    public void putState(String key, byte[] value) {
        requireDeclared(key, writable, "write");
        writes.put(namespace + key, value.clone());
    }

    private void requireDeclared(String key, Set<String> allowed, String access) {
        if (scopeOwner == null) {
            return;
        }
        String resource = scopeOwner
                .resourceOf(key)
                .orElseThrow(() -> new WorkloadException("state key "
                        + key
                        + " belongs to no resource, so it cannot be used by a work order that declares resources"));
        if (!allowed.contains(resource)) {
            throw new WorkloadException(
                    "resource " + resource + " is not declared for " + access + " in the work order's dependencies");
        }
    }

    /** Key to value, or to null for a removed connector key. */
    Map<String, byte[]> writes() {
        return writes;
    }

    /** The connectors' keys, staged beside the workload's own under their reserved prefix. */
    private final class StagedConnectorState implements ConnectorState {
        @Override
        public Optional<byte[]> get(String key) {
            String stored = STORE_PREFIX + key;
            return writes.containsKey(stored) ? Optional.ofNullable(writes.get(stored)) : store.state(stored);
        }

        @Override
        public void put(String key, byte[] value) {
            writes.put(STORE_PREFIX + key, value.clone());
        }

        @Override
        public void remove(String key) {
            writes.put(STORE_PREFIX + key, null);
        }
    }
}
