package io.camelot.pool;

import io.camelot.pool.manager.PoolDispatcher;
import io.camelot.pool.wkm.KeyManager;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The pool's meters, read from the pool's own counters when Prometheus scrapes. */
public final class PoolMetrics {
    private PoolMetrics() {}

    /** A WKM's encryption key rotations and the WP identities it has admitted. */
    public static void bind(MeterRegistry registry, KeyManager keyManager) {
        FunctionCounter.builder("camelot.pool.key.rotations", keyManager, KeyManager::rotations)
                .description("Pool encryption key rotations (GenerateNewEncryptionKey) done by this WKM")
                .register(registry);
        Gauge.builder("camelot.pool.wps.admitted", keyManager, KeyManager::admittedWps)
                .description("WP identities this WKM has admitted and not yet expired")
                .register(registry);
    }

    /**
     * The WPs the serving process sends pool work orders to, and how many of their slots are busy.
     */
    public static void bind(MeterRegistry registry, PoolDispatcher dispatcher) {
        Gauge.builder("camelot.pool.wps.registered", dispatcher, PoolDispatcher::registeredWps)
                .description("WPs offering slots to this process's pool dispatcher")
                .register(registry);
        Gauge.builder("camelot.pool.slots.free", dispatcher, PoolDispatcher::freeSlots)
                .description("WP slots waiting for a work order")
                .register(registry);
        Gauge.builder("camelot.pool.slots.busy", dispatcher, PoolDispatcher::busySlots)
                .description("Work orders running on a WP now")
                .register(registry);
        Gauge.builder("camelot.pool.work_orders.waiting", dispatcher, PoolDispatcher::waiting)
                .description("Work orders handed to the pool dispatcher that wait for a free WP slot")
                .register(registry);
    }
}
