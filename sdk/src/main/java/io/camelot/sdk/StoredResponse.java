package io.camelot.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkOrderResult;
import java.nio.charset.StandardCharsets;

/**
 * A completed work order's response as a proxy model's bridge stores it on a ledger: the TCS's
 * JSON-RPC response, with a {@code result} or an {@code error}.
 */
public final class StoredResponse {
    private StoredResponse() {}

    /**
     * The result of {@code response}.
     *
     * @throws TcsRpcException carrying the TCS's error if the response is one
     * @throws TcsTransportException if the response is unreadable
     */
    public static SubmitReply.Completed completed(String method, String endpoint, String workOrderId, String response) {
        JsonNode parsed;
        try {
            parsed = ProtocolJson.parse(response.getBytes(StandardCharsets.UTF_8));
            if (parsed.has("result")) {
                return new SubmitReply.Completed(ProtocolJson.bind(parsed.get("result"), WorkOrderResult.class));
            }
        } catch (EeaException e) {
            throw new TcsTransportException(
                    "Work order " + workOrderId + " has an unreadable response on " + endpoint, e);
        }
        JsonNode error = parsed.path("error");
        throw new TcsRpcException(
                method,
                endpoint,
                error.path("code").asInt(ErrorCode.UNKNOWN_ERROR.code()),
                error.path("message").asText("no message"),
                error.get("data"));
    }
}
