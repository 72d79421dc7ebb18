package io.camelot.jsonrpc;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The methods an endpoint serves, by name. */
public final class MethodRegistry {
    private final Map<String, RpcMethod<?>> methods;

    public MethodRegistry(Collection<? extends RpcMethod<?>> methods) {
        this.methods = methods.stream().collect(Collectors.toUnmodifiableMap(RpcMethod::name, Function.identity()));
    }

    /** The names of every method this registry serves, whatever the permissions. */
    public Set<String> names() {
        return methods.keySet();
    }

    public Optional<RpcMethod<?>> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }
}
