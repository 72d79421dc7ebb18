package io.camelot.jsonrpc;

import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts calls by method and outcome code ({@code result}, or the error code), refused ones and
 * malformed requests included, and times the well-formed calls of the methods given a timer. Method
 * names outside the registry count as {@code unknown}, so a client cannot create meters at will.
 * Goes outermost.
 */
public final class MeteredProcessor extends RpcDecorator {
    static final String UNKNOWN_METHOD = "unknown";
    static final String RESULT = "result";

    private final MeterRegistry registry;
    private final Set<String> knownMethods;
    private final Map<String, Timer> timers;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();

    /**
     * @param knownMethods the names counted under their own name
     * @param timers per method name, the timer its calls are recorded in
     */
    public MeteredProcessor(
            RpcProcessor next, MeterRegistry registry, Set<String> knownMethods, Map<String, Timer> timers) {
        super(next);
        this.registry = registry;
        this.knownMethods = knownMethods;
        this.timers = timers;
    }

    @Override
    public RpcOutcome process(RpcRequest request) {
        long start = System.nanoTime();
        RpcOutcome outcome = next.process(request);
        String code = outcome instanceof RpcOutcome.Error error
                ? Integer.toString(error.error().code())
                : RESULT;
        String name = count(request.methodName(), code);
        Timer timer = timers.get(name);
        if (timer != null) {
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        return outcome;
    }

    @Override
    public void malformed(String methodName, JsonRpcError error) {
        count(methodName, Integer.toString(error.code()));
        next.malformed(methodName, error);
    }

    /** Counts one call and returns the name it was counted under. */
    private String count(String method, String code) {
        String name = method != null && knownMethods.contains(method) ? method : UNKNOWN_METHOD;
        calls.computeIfAbsent(name + ' ' + code, key -> counter(name, code)).increment();
        return name;
    }

    private Counter counter(String method, String code) {
        return Counter.builder("camelot.rpc.requests")
                .description("JSON-RPC calls by method and outcome code (result, or the error code)")
                .tag("method", method)
                .tag("code", code)
                .register(registry);
    }
}
