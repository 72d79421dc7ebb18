package io.camelot.pool;

import io.camelot.pool.manager.PoolDispatcher;
import io.camelot.pool.wkm.KeyManager;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The pool's meters, read from the pool's own counters when Prometheus scrapes. */
public final class PoolMetrics {
    private PoolMetrics() {}

    /** A WKM's encryption key rotations and the WP identities it has admitted. */
    public static void bind(MeterRegistry registry, KeyManager keyManager) {
        FunctionCounter.builder("camelot.pool.key.rotations", keyManager, KeyManager::rotations)
                .description("Pool encryption key rotations (GenerateNewEncryptionKey) done by this WKM")
                .register(registry);
        gauge(
                registry,
                "camelot.pool.wps.admitted",
                keyManager,
                KeyManager::admittedWps,
                "WP identities this WKM has admitted and not yet expired");
    }

    /**
     * The WPs the serving process sends pool work orders to, and how many of their slots are busy.
     */
    public static void bind(MeterRegistry registry, PoolDispatcher dispatcher) {
        gauge(
                registry,
                "camelot.pool.wps.registered",
                dispatcher,
                PoolDispatcher::registeredWps,
                "WPs offering slots to this process's pool dispatcher");
        gauge(
                registry,
                "camelot.pool.slots.free",
                dispatcher,
                PoolDispatcher::freeSlots,
                "WP slots waiting for a work order");
        gauge(
                registry,
                "camelot.pool.slots.busy",
                dispatcher,
                PoolDispatcher::busySlots,
                "Work orders running on a WP now");
        gauge(
                registry,
                "camelot.pool.work_orders.waiting",
                dispatcher,
                PoolDispatcher::waiting,
                "Work orders handed to the pool dispatcher that wait for a free WP slot");
    }

    private static <T> void gauge(
            MeterRegistry registry, String name, T source, ToDoubleFunction<T> value, String description) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }
}
