package io.camelot.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.jsonrpc.JsonRpcResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one HTTP body into one JSON-RPC response body: parses and checks the envelope, finds the
 * method, hands the call to the processor chain and renders its outcome. Errors are values: nothing
 * thrown inside reaches the transport.
 */
public final class JsonRpcDispatcher {
    private static final Logger log = LoggerFactory.getLogger(JsonRpcDispatcher.class);

    private final MethodRegistry registry;
    private final RpcProcessor processor;

    /**
     * @param processor the endpoint's policy, decorators around an {@link InvokingProcessor}
     */
    public JsonRpcDispatcher(MethodRegistry registry, RpcProcessor processor) {
        this.registry = registry;
        this.processor = processor;
    }

    /** A dispatcher with no policy: every call goes straight to its method. */
    public JsonRpcDispatcher(MethodRegistry registry) {
        this(registry, new InvokingProcessor());
    }

    /** {@link #handle(byte[], Caller)} for an in-process caller. */
    public byte[] handle(byte[] body) {
        return handle(body, Caller.LOCAL);
    }

    public byte[] handle(byte[] body, Caller caller) {
        JsonNode id = null;
        String method = null;
        RpcOutcome outcome;
        try {
            JsonNode request = ProtocolJson.parse(body);
            if (!request.isObject()) {
                throw EeaException.invalidParameter("Invalid data format for request: expected a JSON object");
            }
            JsonNode idNode = request.get("id");
            if (idNode == null || !(idNode.isIntegralNumber() || idNode.isTextual())) {
                throw EeaException.invalidParameter("Invalid data format for id");
            }
            id = idNode;
            if (!JsonRpcRequest.VERSION.equals(request.path("jsonrpc").textValue())) {
                throw EeaException.invalidParameter("Invalid data format for jsonrpc");
            }
            JsonNode methodNode = request.get("method");
            if (methodNode == null || !methodNode.isTextual()) {
                throw EeaException.invalidParameter("Invalid data format for method");
            }
            method = methodNode.textValue();
            Optional<RpcMethod<?>> target = registry.find(method);
            JsonNode params = request.get("params");
            if (params == null && target.filter(RpcMethod::paramsOptional).isPresent()) {
                params = ProtocolJson.mapper().createObjectNode();
            }
            if (params == null || !params.isObject()) {
                throw EeaException.invalidParameter("Invalid data format for params");
            }
            outcome = processor.process(new RpcRequest(method, target, params, body, caller, null));
        } catch (EeaException e) {
            JsonRpcError error = JsonRpcError.of(e);
            processor.malformed(method, error);
            outcome = new RpcOutcome.Error(error);
        } catch (RuntimeException e) {
            // Methods' failures are values already (InvokingProcessor); this is a decorator's bug.
            log.error("{} failed unexpectedly", method == null ? "Request" : method, e);
            outcome = RpcOutcome.error(ErrorCode.INTERNAL_ERROR.code(), "Internal error");
        }
        return render(id, outcome);
    }

    private static byte[] render(JsonNode id, RpcOutcome outcome) {
        JsonRpcResponse response = switch (outcome) {
            case RpcOutcome.Result result -> JsonRpcResponse.result(id, ProtocolJson.toTree(result.value()));
            case RpcOutcome.Error error -> JsonRpcResponse.error(id, error.error());
        };
        return ProtocolJson.toBytes(response);
    }

    /** The answer to a request refused before it was read or parsed, so with no id. */
    static byte[] refusal(int code, String message) {
        return render(null, RpcOutcome.error(code, message));
    }

    /** The response to a request that is not a JSON-RPC call at all (wrong HTTP method, oversize). */
    static byte[] transportError(String message) {
        return refusal(ErrorCode.INVALID_PARAMETER.code(), message);
    }
}
