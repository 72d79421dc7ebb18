package io.camelot.server;

import io.camelot.bench.BenchReport;
import io.camelot.bench.BenchSettings;
import io.camelot.bench.CryptoCeiling;
import io.camelot.bench.CryptoCost;
import io.camelot.bench.CryptoSuite;
import io.camelot.bench.LoadGenerator;
import io.camelot.bench.LoadResult;
import io.camelot.protocol.crypto.CryptoProviders;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.sdk.EnvelopeChoice;
import io.camelot.server.config.CryptoSection;
import io.camelot.server.config.ListenerSection;
import io.camelot.server.config.PoolSection;
import io.camelot.server.config.StoreSection;
import io.camelot.server.config.WorkerSection;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures work-order throughput and latency against the crypto ceiling of this machine, against a
 * running TCS or one started in this process on a temporary data directory.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Load a TCS through the SDK and report throughput, latency and efficiency against the crypto ceiling.")
final class BenchCommand implements Callable<Integer> {

    enum Mode {
        sync,
        async
    }

    @Option(names = "--url", description = "TCS to load (default: start one in this process)")
    String url;

    @Option(names = "--duration", description = "Measured seconds (default: ${DEFAULT-VALUE})")
    double durationSeconds = 30;

    @Option(names = "--warmup", description = "Unmeasured seconds of load first (default: ${DEFAULT-VALUE})")
    double warmupSeconds = 5;

    @Option(names = "--concurrency", description = "Concurrent requesters (default: ${DEFAULT-VALUE})")
    int concurrency = 8;

    @Option(
            names = "--rate",
            description = "Open loop: work orders per second at fixed intervals (default: closed loop)")
    double rate;

    @Option(names = "--payload", description = "Input bytes per work order (default: ${DEFAULT-VALUE})")
    int payloadBytes = 1024;

    @Option(names = "--json", description = "Also write the report to this JSON file")
    Path jsonFile;

    @Option(
            names = "--mode",
            description = "Own TCS answers WorkOrderSubmit: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Mode mode = Mode.sync;

    @Option(names = "--workload", description = "Workload name (default: ${DEFAULT-VALUE})")
    String workload = "echo-result";

    @Option(names = "--worker-id", description = "Worker id in hex (default: the default singleton worker)")
    String workerId = WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME);

    @Option(
            names = "--pool",
            description = "Own TCS only: also run a worker pool of this many WP processes (and one WKM) and load it")
    Integer poolProcessors;

    @Option(names = "--sign", description = "Requesters sign their work orders")
    boolean sign;

    @Option(
            names = "--envelope",
            description = "Envelope form requesters seal in: hardened (camelot-2 where the worker offers it) or legacy"
                    + " (Avalon's form), to measure what the hardening costs (default: ${DEFAULT-VALUE})")
    EnvelopeForm envelope = EnvelopeForm.hardened;

    /** The CLI's names for the SDK's {@link EnvelopeChoice}. */
    enum EnvelopeForm {
        hardened(EnvelopeChoice.HARDENED_IF_OFFERED),
        legacy(EnvelopeChoice.LEGACY);

        final EnvelopeChoice choice;

        EnvelopeForm(EnvelopeChoice choice) {
            this.choice = choice;
        }
    }

    @Option(
            names = "--allow-simulated",
            description = "Accept a SIMULATED worker at a non-loopback --url (always accepted on loopback)")
    boolean allowSimulated;

    @Option(
            names = "--crypto-provider",
            description =
                    "Own TCS only: jca or accp (native AWS-LC) for AES-GCM, RSA-OAEP, SHA-256 (default: ${DEFAULT-VALUE})")
    String cryptoProvider = CryptoProviders.JCA;

    @Option(
            names = "--x25519",
            description = "Own TCS only: the worker also offers X25519 key wrap, which the SDK then picks")
    boolean x25519;

    @Option(names = "--server-cores", description = "Cores the TCS has, for the ceiling (default: this machine's)")
    Integer serverCores;

    @Option(
            names = "--ceiling-time",
            description = "Milliseconds each crypto step is timed (default: ${DEFAULT-VALUE})")
    long ceilingMillis = 2_000;

    @Option(names = "--timeout", description = "Seconds one work order may take (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 10;

    @Option(
            names = "--data-dir",
            description = "Own TCS: where its temporary data directory goes (default: the system temp dir)")
    Path dataParent;

    @Option(
            names = "--retain",
            description = "Own TCS: completed work orders kept before purging (default: ${DEFAULT-VALUE})")
    long retainCompleted = 10_000;

    @Option(names = "--purge-interval", description = "Own TCS: seconds between purges (default: ${DEFAULT-VALUE})")
    long purgeIntervalSeconds = 5;

    @Override
    public Integer call() throws IOException {
        int cores = serverCores != null ? serverCores : Runtime.getRuntime().availableProcessors();
        boolean ownNode = url == null;
        if (!ownNode) {
            Commands.requireScheme("--url", url);
        }
        Path dataDir = ownNode ? newDataDir() : null;
        try (TcsNode node = ownNode ? TcsNode.start(ownConfig(dataDir)) : null) {
            String target = ownNode ? node.url("127.0.0.1") : url;
            LongSupplier storeBytes = ownNode ? () -> directorySize(dataDir.resolve("store")) : () -> -1;
            // As for `camelot submit`: a SIMULATED worker is accepted on loopback or when asked for.
            boolean allowSimulation = allowSimulated || SubmitCommand.isLoopback(target);
            if (allowSimulation) {
                System.err.println("camelot bench: accepting a SIMULATED worker (no hardware TEE)");
            }
            // With a pool, its worker is the one loaded unless another was named.
            String loaded = poolProcessors != null && workerId.equals(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME))
                    ? WorkerConfig.idOf(PoolSection.DEFAULT_NAME)
                    : workerId;
            BenchSettings settings = new BenchSettings(
                    target,
                    loaded,
                    workload,
                    seconds(warmupSeconds),
                    seconds(durationSeconds),
                    concurrency,
                    rate,
                    payloadBytes,
                    sign,
                    allowSimulation,
                    envelope.choice,
                    Duration.ofSeconds(timeoutSeconds));

            System.err.println("camelot bench: loading "
                    + target
                    + (ownNode ? " (in this process, " + mode + " mode)" : "")
                    + (poolProcessors != null ? ", worker pool of " + poolProcessors + " WP(s)" : ""));
            boolean terminal = System.console() != null;
            LoadResult load = new LoadGenerator(settings)
                    .run(
                            sample -> {
                                String line = BenchReport.progressLine(sample, settings.warmup());
                                System.err.print(terminal ? "\r" + line : line + System.lineSeparator());
                            },
                            storeBytes);
            if (terminal) {
                System.err.println();
            }
            // After the load, so the JIT has compiled the same crypto code the work orders ran.
            System.err.println("camelot bench: measuring the crypto ceiling on one core...");
            CryptoCost crypto = CryptoCeiling.measure(suite(), payloadBytes, sign, Duration.ofMillis(ceilingMillis));
            BenchReport report = new BenchReport(
                    settings,
                    crypto,
                    load,
                    cores,
                    ownNode,
                    ownNode ? mode.name() : "unknown",
                    storeBytes.getAsLong(),
                    liveHeapAfterFullGc());
            System.out.print(report.table());
            if (jsonFile != null) {
                report.writeJson(jsonFile);
                System.err.println("camelot bench: wrote " + jsonFile);
            }
            return load.errorCount() == 0 ? 0 : 1;
        } finally {
            if (dataDir != null) {
                deleteRecursively(dataDir);
            }
        }
    }

    private Path newDataDir() throws IOException {
        return dataParent != null
                ? Files.createTempDirectory(Files.createDirectories(dataParent), "camelot-bench-")
                : Files.createTempDirectory("camelot-bench-");
    }

    private CamelotConfig ownConfig(Path dataDir) {
        CamelotConfig defaults = CamelotConfig.defaults();
        return CamelotConfig.embedded()
                .listener(ListenerSection.builder()
                        .port(0)
                        .syncMode(mode == Mode.sync)
                        .build())
                .store(StoreSection.lmdb(dataDir.toString(), defaults.store().mapSizeMb()))
                // A throwaway node: --retain bounds its store, with no retention floor to hold the purge
                // back.
                .queue(defaults.queue().withPurge(retainCompleted, purgeIntervalSeconds, 0))
                .worker(
                        x25519
                                ? WorkerSection.builder()
                                        .keyEncryption(List.of(
                                                WorkerSection.KeyEncryption.RSA_OAEP_3072,
                                                WorkerSection.KeyEncryption.X25519_HKDF))
                                        .build()
                                : WorkerSection.defaults())
                .crypto(new CryptoSection(CryptoSection.Provider.of(cryptoProvider)))
                // Every requester of the bench calls from loopback: the per-address limit would be
                // the bench's ceiling.
                .security(CamelotConfig.defaults().security().withoutRateLimits())
                .pool(
                        poolProcessors != null
                                ? PoolSection.builder()
                                        .processors(poolProcessors)
                                        .build()
                                : defaults.pool())
                .build();
    }

    /** The crypto the ceiling is measured with: the same key wrap and provider the worker uses. */
    private CryptoSuite suite() {
        return x25519
                ? new CryptoSuite(
                        X25519Hkdf.ALGORITHM + ", secp256k1, AES-256-GCM, SHA-256 (" + CryptoProviders.current() + ")",
                        X25519Hkdf.generate(),
                        Secp256k1.generate())
                : CryptoSuite.standard();
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    /** The heap still reachable once everything collectable is collected: what a leak would grow. */
    private static long liveHeapAfterFullGc() {
        System.gc();
        return LoadGenerator.liveHeapBytes();
    }

    private static long directorySize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(BenchCommand::sizeOf)
                    .sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bench data directory " + dir, e);
        }
    }
}
