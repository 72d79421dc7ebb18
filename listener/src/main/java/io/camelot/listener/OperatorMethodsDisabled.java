package io.camelot.listener;

import io.camelot.jsonrpc.RpcDecorator;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.jsonrpc.RpcProcessor;
import io.camelot.jsonrpc.RpcRequest;
import io.camelot.protocol.ErrorCode;

/** A listener that does not serve operator methods refuses them, whoever calls (code 3). */
final class OperatorMethodsDisabled extends RpcDecorator {
    OperatorMethodsDisabled(RpcProcessor next) {
        super(next);
    }

    @Override
    public RpcOutcome process(RpcRequest request) {
        if (request.method().filter(DirectModel::operatorOnly).isPresent()) {
            return RpcOutcome.error(
                    ErrorCode.ACCESS_DENIED.code(),
                    request.methodName() + " is an operator method; operator methods are disabled on this listener");
        }
        return next.process(request);
    }
}
