package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.store.TcsStore;

/**
 * The stored worker record, unchanged: its PEMs must reach the client byte for byte because
 * encryptionKeySignature is over the exact text.
 */
public final class WorkerRetrieve implements RpcMethod {
  private final TcsStore store;

  public WorkerRetrieve(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkerRetrieve";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    String workerId = Params.workerId(call.params()).workerId();
    byte[] record =
        store.worker(workerId).orElseThrow(() -> EeaException.invalidParameter(WorkerDirectory.NOT_FOUND));
    return RpcOutcome.result(ProtocolJson.parse(record));
  }
}
