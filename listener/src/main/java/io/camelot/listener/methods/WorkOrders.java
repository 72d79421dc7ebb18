package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import java.util.function.Function;

/** What WorkOrderSubmit and WorkOrderGetResult share: error data and stored responses. */
final class WorkOrders {
    private WorkOrders() {}

    /** {@code {"workOrderId": id}}, attached to every work order error as Avalon does. */
    static ObjectNode data(String workOrderId) {
        return JsonNodeFactory.instance.objectNode().put("workOrderId", workOrderId);
    }

    static RpcOutcome error(int code, String message, String workOrderId) {
        return RpcOutcome.error(code, message, data(workOrderId));
    }

    /**
     * Parses params with the given parser; a failure carries the work order id as data when the
     * params name one.
     */
    static <T> T parse(JsonNode params, Function<JsonNode, T> parser) {
        try {
            return parser.apply(params);
        } catch (EeaException e) {
            JsonNode id = params.get("workOrderId");
            throw id != null && id.isTextual() ? e.withData(data(id.textValue())) : e;
        }
    }

    /** A stored {@code {result}} or {@code {error}} as this call's outcome, unchanged. */
    static RpcOutcome outcome(byte[] storedResponse) {
        JsonNode response = ProtocolJson.parse(storedResponse);
        JsonNode result = response.get("result");
        if (result != null) {
            return RpcOutcome.result(result);
        }
        return new RpcOutcome.Error(ProtocolJson.bind(response.get("error"), JsonRpcError.class));
    }
}
