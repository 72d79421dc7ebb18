package io.camelot.worker;

import io.camelot.store.TcsStore;
import io.camelot.workload.ExternalIo;
import io.camelot.workload.WorkloadContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workload's view of its state during one work order: reads see committed state overlaid with
 * this work order's own writes; writes are staged and committed by the store together with the
 * response. Keys are namespaced by workload so one workload cannot touch another's state.
 */
final class StagedState implements WorkloadContext {
  private final TcsStore store;
  private final String namespace;
  private final ExternalIo io;
  private final Logger workloadLog;
  private final Map<String, byte[]> writes = new HashMap<>();

  StagedState(TcsStore store, String workloadName, ExternalIo io) {
    this.store = store;
    this.namespace = workloadName + "/";
    this.io = io;
    this.workloadLog = LoggerFactory.getLogger("io.camelot.workload." + workloadName);
  }

  @Override
  public void log(String message) {
    workloadLog.info("{}", message);
  }

  @Override
  public ExternalIo io() {
    return io;
  }

  @Override
  public Optional<byte[]> state(String key) {
    byte[] staged = writes.get(namespace + key);
    return staged != null ? Optional.of(staged) : store.state(namespace + key);
  }

  @Override
  public void putState(String key, byte[] value) {
    writes.put(namespace + key, value.clone());
  }

  Map<String, byte[]> writes() {
    return writes;
  }
}
