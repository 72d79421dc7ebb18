package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import java.util.Map;

/** PreprocessWorkorder: the keys of one work order, wrapped to the calling WP's attested key. */
final class PreprocessWorkorder implements RpcMethod {
  private final KeyManager keyManager;

  PreprocessWorkorder(KeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public String name() {
    return PoolApi.PREPROCESS_WORKORDER;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    WorkOrderSubmitParams request = Params.workOrderSubmit(call.params().get("request"));
    try (var span = WorkOrderTrace.open(request.workOrderId(), "camelot.wkm.preprocess")) {
      return RpcOutcome.result(
          Map.of("keys", keyManager.preprocess(request, InternalParams.attestation(call.params(), "attestation"))));
    }
  }
}
