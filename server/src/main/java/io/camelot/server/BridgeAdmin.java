package io.camelot.server;

import io.camelot.bridge.Bridge;
import io.camelot.ops.ReadinessCheck;
import io.camelot.ops.Telemetry;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.TcsClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** The admin port of a proxy-model bridge, whatever its chain: its meters, health and readiness. */
final class BridgeAdmin {
    private BridgeAdmin() {}

    /**
     * Lag, relay and worker meters; ready while the chain answers, the TCS answers a look-up, no
     * relay is failing and the last worker re-sync succeeded.
     *
     * @param chainMeters the chain's own meters, registered next to the bridge's
     * @param chainChecks the chain's own readiness checks, after the bridge's
     */
    static ProcessAdmin start(
            AdminOptions options,
            Bridge bridge,
            TcsClient tcs,
            Consumer<MeterRegistry> chainMeters,
            List<ReadinessCheck> chainChecks) {
        var metrics = Telemetry.prometheus("bridge");
        Gauge.builder("camelot.bridge.lag.blocks", bridge, Bridge::lagBlocks)
                .description("Chain head minus the bridge's last fully handled block")
                .register(metrics);
        counter(
                metrics,
                "workorders.relayed",
                bridge::relayedWorkOrders,
                "Work orders relayed to the TCS whose outcome is on the chain");
        counter(
                metrics,
                "relays.failed",
                bridge::failedRelays,
                "Relay attempts that failed; each is tried again and the checkpoint waits for it");
        counter(
                metrics,
                "workorders.refused",
                bridge::refusedWorkOrders,
                "Work orders whose outcome the chain refused for good (e.g. their worker is compromised)");
        counter(
                metrics,
                "worker.transactions",
                bridge::workerWrites,
                "Worker transactions (register, update, status) sent to keep the chain in step with the TCS");
        counter(
                metrics,
                "worker.syncs.failed",
                bridge::failedWorkerSyncs,
                "Worker re-syncs that failed, wholly or for some worker; the next one tries again");
        chainMeters.accept(metrics);
        List<ReadinessCheck> checks = new ArrayList<>(List.of(
                ReadinessCheck.of("chain", bridge::chainProblem),
                ReadinessCheck.of("tcs", () -> tcsProblem(tcs)),
                ReadinessCheck.of("relay", bridge::relayProblem),
                ReadinessCheck.of("workers", bridge::workerSyncProblem)));
        checks.addAll(chainChecks);
        return ProcessAdmin.start(options, "bridge", metrics, checks);
    }

    /** A counter {@code camelot.bridge.<name>} that reads {@code value}. */
    static void counter(MeterRegistry metrics, String name, LongSupplier value, String description) {
        FunctionCounter.builder("camelot.bridge." + name, value, LongSupplier::getAsLong)
                .description(description)
                .register(metrics);
    }

    private static Optional<String> tcsProblem(TcsClient tcs) {
        try {
            tcs.workerLookUp(new WorkerLookUpParams(null, null, null, null, null));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("the TCS does not answer WorkerLookUp: " + e.getMessage());
        }
    }
}
