package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.EncryptionKeyResult;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import io.camelot.store.TcsStore;

/**
 * The worker's encryption key as published in its record, with the worker's real signature over
 * it; keys are long-lived, so there is no nonce or tag.
 */
public final class EncryptionKeyGet implements RpcMethod {
  private final TcsStore store;

  public EncryptionKeyGet(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "EncryptionKeyGet";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    String workerId = Params.encryptionKeyGet(call.params()).workerId();
    WorkerRecord record = WorkerDirectory.existing(store, workerId);
    WorkerTypeData typeData = record.details() == null ? null : record.details().workerTypeData();
    if (typeData == null || typeData.encryptionKey() == null) {
      throw EeaException.invalidParameter("Worker " + workerId + " publishes no encryption key");
    }
    return RpcOutcome.result(
        new EncryptionKeyResult(workerId, typeData.encryptionKey(), "", "", typeData.encryptionKeySignature()));
  }
}
