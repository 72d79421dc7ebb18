package io.camelot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.sdk.EnvelopeChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a bench run against its crypto ceiling, as a table for people and as JSON for
 * tools. Efficiency is achieved throughput over the ceiling for the cores the TCS had; when the
 * load generator ran on those same cores its own crypto is charged to them too.
 *
 * @param serverCores cores available to the TCS
 * @param clientSharesCores whether the load generator ran on the TCS's cores
 * @param mode how the TCS answers WorkOrderSubmit ("sync", "async", or "unknown" for a remote TCS)
 * @param storeBytes size of the store on disk at the end, or -1 when the TCS is remote
 * @param liveHeapBytesAtEnd heap in use after a full collection at the end of the run
 */
public record BenchReport(
        BenchSettings settings,
        CryptoCost crypto,
        LoadResult load,
        int serverCores,
        boolean clientSharesCores,
        String mode,
        long storeBytes,
        long liveHeapBytesAtEnd) {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /** The ceiling efficiency is judged against. */
    public double ceiling() {
        return clientSharesCores ? crypto.sharedCeiling(serverCores) : crypto.ceiling(serverCores);
    }

    public double efficiency() {
        return load.throughput() / ceiling();
    }

    /**
     * The share of this process's CPU time that went into the unavoidable crypto. Unlike {@link
     * #efficiency()} it does not suffer when other processes take the cores; only meaningful when the
     * TCS runs in this process.
     */
    public double cpuEfficiency() {
        return measuredCryptoMillis() / load.cpuMillisPerWorkOrder();
    }

    /**
     * Camelot's own cost: the measured processes' CPU milliseconds per work order beyond the crypto
     * they had to do (issue 20, goal 2). Only meaningful when the TCS runs in this process (or its
     * child processes), so that both sides' CPU and both sides' crypto are in the figures.
     */
    public double overheadMillisPerWorkOrder() {
        return load.cpuMillisPerWorkOrder() - measuredCryptoMillis();
    }

    /** The crypto of one work order that ran in the measured processes: the TCS's, and the client's when shared. */
    private double measuredCryptoMillis() {
        return (crypto.serverMicros() + (clientSharesCores ? crypto.clientMicros() : 0)) / 1e3;
    }

    /** Crypto time of one work order end to end, both sides, in milliseconds. */
    public double cryptoMillisPerWorkOrder() {
        return (crypto.serverMicros() + crypto.clientMicros()) / 1e3;
    }

    /** When throughput settled over the whole run, warm-up included. */
    public Optional<SteadyState> steadyState() {
        return SteadyState.of(load.samples(), settings.warmup().toMillis() / 1e3);
    }

    /** How the heap and the store moved over the measured window, in quarters. */
    public Optional<MemoryTrend> memoryTrend() {
        return MemoryTrend.of(load.samples(), settings.warmup().toMillis() / 1e3);
    }

    private static String quarterLine(MemoryTrend trend, ToLongFunction<MemoryTrend.Quarter> bytes) {
        StringBuilder mib = new StringBuilder();
        for (MemoryTrend.Quarter quarter : trend.quarters()) {
            mib.append(mib.isEmpty() ? "" : " / ").append(format("%.1f", bytes.applyAsLong(quarter) / 1048576.0));
        }
        return mib + " MiB";
    }

    private String steadyLine(SteadyState steady) {
        return format(
                        "within %.0f %% of %.1f WO/s from %.0f s on",
                        SteadyState.TOLERANCE * 100, steady.finalPerSecond(), steady.fromSeconds())
                + (steady.settledBeforeWindow()
                        ? " (before the measured window)"
                        : " (inside the measured window: a longer --warmup measures the steady state)");
    }

    private String envelopeName() {
        return settings.envelope() == EnvelopeChoice.LEGACY ? "avalon-1 (legacy)" : "camelot-2 where offered";
    }

    public String table() {
        Histogram latency = load.latencyMicros();
        StringBuilder out = new StringBuilder();
        line(out, "target", settings.url() + " (mode " + mode + ")");
        line(
                out,
                "load",
                settings.openLoop()
                        ? String.format(
                                Locale.ROOT,
                                "open loop at %.1f WO/s over %d requesters",
                                settings.rate(),
                                settings.concurrency())
                        : "closed loop, " + settings.concurrency() + " requesters");
        line(
                out,
                "workload",
                settings.workload()
                        + ", "
                        + settings.payloadBytes()
                        + " B input"
                        + (settings.signRequests() ? ", signed requests" : "")
                        + ", envelope "
                        + envelopeName());
        line(
                out,
                "measured",
                String.format(
                        Locale.ROOT,
                        "%.1f s after %.1f s warm-up",
                        load.windowSeconds(),
                        settings.warmup().toMillis() / 1e3));
        line(out, "completed", Long.toString(load.completed()));
        line(out, "throughput", format("%.1f WO/s", load.throughput()));
        line(out, "steady state", steadyState().map(this::steadyLine).orElse("too few seconds to tell"));
        line(
                out,
                "ceiling",
                format(
                        "%.1f WO/s (%d server cores%s)",
                        ceiling(), serverCores, clientSharesCores ? ", shared with the load generator's crypto" : ""));
        line(out, "ceiling, server crypto only", format("%.1f WO/s", crypto.ceiling(serverCores)));
        line(out, "efficiency", format("%.3f", efficiency()));
        line(
                out,
                "process CPU per WO",
                format(
                        "%.2f ms (%.2f cores busy%s)",
                        load.cpuMillisPerWorkOrder(),
                        load.processCpuSeconds() / load.windowSeconds(),
                        load.processes() > 1 ? ", this process and " + (load.processes() - 1) + " it started" : ""));
        if (!Double.isNaN(load.machineCpuLoad())) {
            line(
                    out,
                    "machine CPU busy",
                    format(
                            "%.0f %% of %d cores (all processes)",
                            load.machineCpuLoad() * 100, Runtime.getRuntime().availableProcessors()));
        }
        if (clientSharesCores) {
            line(out, "CPU efficiency", format("%.3f (crypto share of this process's CPU time)", cpuEfficiency()));
            line(
                    out,
                    "overhead per WO",
                    format("%.2f ms (process CPU per WO - crypto per WO)", overheadMillisPerWorkOrder()));
        }
        for (double percentile : PERCENTILES) {
            line(
                    out,
                    "latency p" + formatPercentile(percentile),
                    format("%.2f ms", latency.getValueAtPercentile(percentile) / 1e3));
        }
        line(out, "latency max", format("%.2f ms", latency.getMaxValue() / 1e3));
        line(
                out,
                "crypto per WO",
                format(
                        "%.2f ms (server %.2f, client %.2f)",
                        cryptoMillisPerWorkOrder(), crypto.serverMicros() / 1e3, crypto.clientMicros() / 1e3));
        line(
                out,
                "p50 beyond crypto",
                format("%.2f ms", latency.getValueAtPercentile(50) / 1e3 - cryptoMillisPerWorkOrder()));
        line(out, "errors", load.errors().isEmpty() ? "none" : load.errors().toString());
        load.firstErrors().forEach((kind, message) -> line(out, "  first " + kind, message));
        if (storeBytes >= 0) {
            line(out, "store size", format("%.1f MiB", storeBytes / 1048576.0));
        }
        line(out, "live heap at end", format("%.1f MiB", liveHeapBytesAtEnd / 1048576.0));
        memoryTrend().ifPresent(trend -> {
            line(out, "live heap floor, quarters", quarterLine(trend, MemoryTrend.Quarter::heapFloorBytes));
            if (storeBytes >= 0) {
                line(out, "store size max, quarters", quarterLine(trend, MemoryTrend.Quarter::storeMaxBytes));
            }
        });
        out.append("crypto steps (one core, ").append(crypto.suite()).append("):\n");
        for (CryptoCost.StepCost step : crypto.steps()) {
            out.append(format(
                    "  %-6s %-42s %9.1f us%n",
                    step.side().name().toLowerCase(Locale.ROOT), step.name(), step.micros()));
        }
        return out.toString();
    }

    public ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        Histogram latency = load.latencyMicros();
        ObjectNode root = mapper.createObjectNode();
        root.put("throughput_wo_per_s", load.throughput());
        root.put("ceiling_wo_per_s", ceiling());
        root.put("ceiling_server_crypto_only_wo_per_s", crypto.ceiling(serverCores));
        root.put("efficiency", efficiency());
        root.put("process_cpu_ms_per_wo", load.cpuMillisPerWorkOrder());
        root.put("process_cores_busy", load.processCpuSeconds() / load.windowSeconds());
        root.put("processes_measured", load.processes());
        root.put("machine_cpu_load", load.machineCpuLoad());
        if (clientSharesCores) {
            root.put("cpu_efficiency", cpuEfficiency());
            root.put("overhead_ms_per_wo", overheadMillisPerWorkOrder());
        }
        root.put("p50_ms", latency.getValueAtPercentile(50) / 1e3);
        root.put("p90_ms", latency.getValueAtPercentile(90) / 1e3);
        root.put("p99_ms", latency.getValueAtPercentile(99) / 1e3);
        root.put("p99_9_ms", latency.getValueAtPercentile(99.9) / 1e3);
        root.put("max_ms", latency.getMaxValue() / 1e3);
        root.put("mean_ms", latency.getMean() / 1e3);
        ObjectNode errors = root.putObject("errors");
        for (Map.Entry<String, Long> error : load.errors().entrySet()) {
            errors.put(error.getKey(), error.getValue());
        }
        ObjectNode firstErrors = root.putObject("first_errors");
        load.firstErrors().forEach(firstErrors::put);
        root.put("completed", load.completed());
        root.put("duration_s", load.windowSeconds());
        root.put("warmup_s", settings.warmup().toMillis() / 1e3);
        steadyState()
                .ifPresent(steady -> root.putObject("steady_state")
                        .put("from_s", steady.fromSeconds())
                        .put("final_wo_per_s", steady.finalPerSecond())
                        .put("settled_before_window", steady.settledBeforeWindow()));
        memoryTrend().ifPresent(trend -> {
            ArrayNode quarters = root.putObject("memory").putArray("quarters");
            for (MemoryTrend.Quarter quarter : trend.quarters()) {
                quarters.addObject()
                        .put("from_s", quarter.fromSeconds())
                        .put("to_s", quarter.toSeconds())
                        .put("live_heap_floor_bytes", quarter.heapFloorBytes())
                        .put("store_max_bytes", quarter.storeMaxBytes());
            }
        });
        root.put("loop", settings.openLoop() ? "open" : "closed");
        root.put("rate_wo_per_s", settings.rate());
        root.put("concurrency", settings.concurrency());
        root.put("payload_bytes", settings.payloadBytes());
        root.put("signed_requests", settings.signRequests());
        root.put("envelope", envelopeName());
        root.put("workload", settings.workload());
        root.put("mode", mode);
        root.put("server_cores", serverCores);
        root.put("client_shares_cores", clientSharesCores);
        root.put("crypto_ms_per_wo", cryptoMillisPerWorkOrder());
        root.put("p50_beyond_crypto_ms", latency.getValueAtPercentile(50) / 1e3 - cryptoMillisPerWorkOrder());
        root.put("store_bytes", storeBytes);
        root.put("live_heap_bytes_at_end", liveHeapBytesAtEnd);
        ObjectNode cryptoNode = root.putObject("crypto");
        cryptoNode.put("suite", crypto.suite());
        cryptoNode.put("server_us_per_wo", crypto.serverMicros());
        cryptoNode.put("client_us_per_wo", crypto.clientMicros());
        ArrayNode steps = cryptoNode.putArray("steps");
        for (CryptoCost.StepCost step : crypto.steps()) {
            steps.addObject()
                    .put("side", step.side().name().toLowerCase(Locale.ROOT))
                    .put("step", step.name())
                    .put("us", step.micros());
        }
        ObjectNode machine = root.putObject("machine");
        machine.put("available_processors", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put(
                "os",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"));
        ArrayNode samples = root.putArray("samples");
        for (ProgressSample sample : load.samples()) {
            samples.addObject()
                    .put("t_s", sample.elapsedSeconds())
                    .put("completed", sample.completed())
                    .put("wo_per_s", sample.perSecond())
                    .put("p50_ms", sample.p50Millis())
                    .put("p99_ms", sample.p99Millis())
                    .put("errors", sample.errors())
                    .put("live_heap_bytes", sample.liveHeapBytes())
                    .put("store_bytes", sample.storeBytes())
                    .put("machine_cpu_load", sample.machineCpuLoad());
        }
        return root;
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
    }

    /**
     * The live progress line: one line, rewritten in place on a terminal, led by its phase, {@code
     * warm-up} (not in the results) or {@code measure}.
     */
    public static String progressLine(ProgressSample sample, Duration warmup) {
        // A tick ending after the warm-up is measured; the columns count from the start either way.
        String phase = sample.elapsedSeconds() * 1e9 <= warmup.toNanos() ? "warm-up" : "measure";
        return format(
                "%-7s [%5.0f s] %9d WO  %8.1f WO/s  p50 %7.2f ms  p99 %7.2f ms  errors %d  heap %5.0f MiB%s",
                phase,
                sample.elapsedSeconds(),
                sample.completed(),
                sample.perSecond(),
                sample.p50Millis(),
                sample.p99Millis(),
                sample.errors(),
                sample.liveHeapBytes() / 1048576.0,
                sample.storeBytes() >= 0 ? format("  store %5.1f MiB", sample.storeBytes() / 1048576.0) : "");
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(format("%-28s %s%n", label, value));
    }

    private static String formatPercentile(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
