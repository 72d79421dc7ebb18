package io.camelot.listener;

import io.camelot.scheduler.WorkOrderStages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Calls by method and outcome code ({@code result}, or the error code), and the listener stage of
 * WorkOrderSubmit. Method names outside the registry count as {@code unknown}, so a client cannot
 * create meters at will.
 */
final class RpcMetrics {
  static final String UNKNOWN_METHOD = "unknown";
  static final String RESULT = "result";
  private static final String SUBMIT = "WorkOrderSubmit";

  private final MeterRegistry registry;
  private final Set<String> knownMethods;
  private final Map<String, Counter> calls = new ConcurrentHashMap<>();
  private final Timer listenerStage;

  RpcMetrics(MeterRegistry registry, Set<String> knownMethods) {
    this.registry = registry;
    this.knownMethods = knownMethods;
    this.listenerStage = WorkOrderStages.timer(registry, WorkOrderStages.LISTENER);
  }

  void record(String method, String code, long elapsedNanos) {
    String name = method != null && knownMethods.contains(method) ? method : UNKNOWN_METHOD;
    calls.computeIfAbsent(name + ' ' + code, key -> counter(name, code)).increment();
    if (SUBMIT.equals(name)) {
      listenerStage.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }
  }

  private Counter counter(String method, String code) {
    return Counter.builder("camelot.rpc.requests")
        .description("JSON-RPC calls by method and outcome code (result, or the error code)")
        .tag("method", method)
        .tag("code", code)
        .register(registry);
  }
}
