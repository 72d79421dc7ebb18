package io.camelot.jsonrpc;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every chain: binds the params and invokes the method. What it throws becomes an error
 * value here, so the decorators around it see (and count) every outcome.
 */
public final class InvokingProcessor implements RpcProcessor {
    private static final Logger log = LoggerFactory.getLogger(InvokingProcessor.class);

    public static final String METHOD_NOT_SUPPORTED = "Invalid data format for method or method not supported";

    @Override
    public RpcOutcome process(RpcRequest request) {
        Optional<RpcMethod<?>> method = request.method();
        if (method.isEmpty()) {
            return RpcOutcome.error(ErrorCode.INVALID_PARAMETER.code(), METHOD_NOT_SUPPORTED);
        }
        try {
            return invoke(method.get(), request);
        } catch (EeaException e) {
            return new RpcOutcome.Error(JsonRpcError.of(e));
        } catch (RuntimeException e) {
            log.error("{} failed unexpectedly", request.methodName(), e);
            return RpcOutcome.error(ErrorCode.INTERNAL_ERROR.code(), "Internal error");
        }
    }

    private static <P> RpcOutcome invoke(RpcMethod<P> method, RpcRequest request) {
        return method.invoke(
                new RpcCall<>(method.params(request.params()), request.body(), request.signer(), request.caller()));
    }
}
