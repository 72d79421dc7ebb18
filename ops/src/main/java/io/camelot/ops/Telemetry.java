package io.camelot.ops;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The metrics registry of one Camelot process, scraped by Prometheus from the admin port. */
public final class Telemetry {
    private Telemetry() {}

    /**
     * A Prometheus registry with JVM and process meters, every meter tagged with the process role
     * ({@code serve}, {@code worker}, {@code bridge}...) so one Prometheus can tell processes apart.
     */
    public static PrometheusMeterRegistry prometheus(String processRole) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("process", processRole);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}
