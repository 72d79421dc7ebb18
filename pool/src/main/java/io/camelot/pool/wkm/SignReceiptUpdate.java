package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.Base64;

/**
 * SignReceiptUpdate {workOrderId, workerId, response, requesterNonce?}: the pool-signed PROCESSED
 * or FAILED receipt update for the stored outcome (base64 of its exact bytes), as ReceiptUpdate
 * params.
 */
final class SignReceiptUpdate implements JsonParamsMethod {
    private final KeyManager keyManager;

    SignReceiptUpdate(KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    @Override
    public String name() {
        return PoolApi.SIGN_RECEIPT_UPDATE;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        byte[] response;
        try {
            response = Base64.getDecoder().decode(InternalParams.text(call.params(), "response"));
        } catch (IllegalArgumentException e) {
            throw EeaException.invalidParameter("Invalid data format for response: expected base64");
        }
        return RpcOutcome.result(keyManager.signReceiptUpdate(
                InternalParams.text(call.params(), "workOrderId"),
                InternalParams.text(call.params(), "workerId"),
                response,
                request(call.params().get("request"))));
    }

    /** The stored request the result must answer; absent for an outcome whose request is gone. */
    private static WorkOrderSubmitParams request(JsonNode params) {
        return params == null || params.isNull() ? null : Params.workOrderSubmit(params);
    }
}
