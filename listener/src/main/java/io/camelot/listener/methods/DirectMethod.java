package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.Permission;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import java.util.function.Function;

/**
 * A direct-model method: its wire name comes from the {@link DirectModelMethod} table and its params
 * binding is given once, so a method says only what it does. Methods whose work is a few lines are
 * made by {@link #of} in {@link WorkerMethods} and {@link ReceiptMethods}; the others are classes.
 *
 * @param <P> the params the method works on
 */
public abstract class DirectMethod<P> implements RpcMethod<P> {
    private final DirectModelMethod method;
    private final Function<JsonNode, P> binding;
    private final Permission permission;

    protected DirectMethod(DirectModelMethod method, Function<JsonNode, P> binding) {
        this(method, binding, Permission.PUBLIC);
    }

    protected DirectMethod(DirectModelMethod method, Function<JsonNode, P> binding, Permission permission) {
        this.method = method;
        this.binding = binding;
        this.permission = permission;
    }

    /** A method whose whole work is {@code handler}, over the bound params. */
    static <P> DirectMethod<P> of(
            DirectModelMethod method, Function<JsonNode, P> binding, Function<P, RpcOutcome> handler) {
        return of(method, binding, Permission.PUBLIC, handler);
    }

    static <P> DirectMethod<P> of(
            DirectModelMethod method,
            Function<JsonNode, P> binding,
            Permission permission,
            Function<P, RpcOutcome> handler) {
        return new DirectMethod<>(method, binding, permission) {
            @Override
            public RpcOutcome invoke(RpcCall<P> call) {
                return handler.apply(call.params());
            }
        };
    }

    @Override
    public final String name() {
        return method.methodName();
    }

    @Override
    public final Permission permission() {
        return permission;
    }

    @Override
    public final P params(JsonNode params) {
        return binding.apply(params);
    }
}
