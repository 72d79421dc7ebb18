package io.camelot.pool.wkm;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.EeaException;
import java.util.Base64;

/**
 * SignReceiptUpdate {workOrderId, workerId, response, requesterNonce?}: the pool-signed PROCESSED or
 * FAILED receipt update for the stored outcome (base64 of its exact bytes), as ReceiptUpdate params.
 */
final class SignReceiptUpdate implements RpcMethod {
  private final KeyManager keyManager;

  SignReceiptUpdate(KeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public String name() {
    return PoolApi.SIGN_RECEIPT_UPDATE;
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    byte[] response;
    try {
      response = Base64.getDecoder().decode(InternalParams.text(call.params(), "response"));
    } catch (IllegalArgumentException e) {
      throw EeaException.invalidParameter("Invalid data format for response: expected base64");
    }
    return RpcOutcome.result(
        keyManager.signReceiptUpdate(
            InternalParams.text(call.params(), "workOrderId"), InternalParams.text(call.params(), "workerId"),
            response, InternalParams.optionalText(call.params(), "requesterNonce")));
  }
}
