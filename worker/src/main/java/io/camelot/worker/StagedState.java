package io.camelot.worker;

import io.camelot.protocol.model.Dependencies;
import io.camelot.store.TcsStore;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A workload's view of its state during one work order: reads see committed state overlaid with
 * this work order's own writes; writes are staged and committed by the store together with the
 * response. Keys are namespaced by workload so one workload cannot touch another's state.
 *
 * <p>Scoped to declared resources, it refuses any key whose resource the work order did not declare
 * (reads need a read or write lock, writes a write lock): the resource locks then really cover
 * every access.
 */
final class StagedState implements WorkloadContext {
  private final TcsStore store;
  private final String namespace;
  private final Map<String, byte[]> writes = new HashMap<>();
  private final Workload scopeOwner;
  private final Set<String> readable;
  private final Set<String> writable;

  StagedState(TcsStore store, String workloadName) {
    this.store = store;
    this.namespace = workloadName + "/";
    this.scopeOwner = null;
    this.readable = null;
    this.writable = null;
  }

  /** State limited to the resources {@code deps} declares. */
  StagedState(TcsStore store, Workload workload, Dependencies deps) {
    this.store = store;
    this.namespace = workload.name() + "/";
    this.scopeOwner = workload;
    this.writable = Set.copyOf(deps.writeResources());
    this.readable = new java.util.HashSet<>(deps.readResources());
    this.readable.addAll(writable);
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
    String resource =
        scopeOwner
            .resourceOf(key)
            .orElseThrow(() -> new WorkloadException(
                "state key " + key + " belongs to no resource, so it cannot be used by a work order that declares resources"));
    if (!allowed.contains(resource)) {
      throw new WorkloadException(
          "resource " + resource + " is not declared for " + access + " in the work order's dependencies");
    }
  }

  Map<String, byte[]> writes() {
    return writes;
  }
}
