package io.camelot.bench;

import com.sun.management.GcInfo;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.ResultVerificationException;
import io.camelot.sdk.TcsException;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.TcsTimeoutException;
import io.camelot.sdk.TcsTransportException;
import io.camelot.sdk.VerifiedWorker;
import io.vertx.core.Vertx;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives a TCS through the SDK with full requester-side crypto: every work order is sealed to the
 * worker's key, submitted, awaited, and its result's signature verified and outputs decrypted.
 *
 * <p>Closed loop: each requester runs on its own virtual thread and submits its next work order as
 * soon as the last one is verified. Open loop: work orders are sent at fixed intervals whatever the
 * TCS does, and latency counts from the intended send time, so a stalled TCS shows up as latency
 * instead of hiding behind a sender that waited for it (coordinated omission).
 */
public final class LoadGenerator {
    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long PROGRESS_INTERVAL_MILLIS = 1_000;

    private final BenchSettings settings;
    private final byte[] payload;
    private final Recorder window = new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    private final Recorder lastTick = new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    private final LongAdder completedInWindow = new LongAdder();
    private final LongAdder completedTotal = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private volatile Map<Long, Long> cpuAtWindowStart = Map.of();
    private Map<Long, Long> cpuAtWindowEnd = Map.of();
    private long startNanos;
    private long windowStartNanos;
    private long endNanos;

    public LoadGenerator(BenchSettings settings) {
        this.settings = settings;
        this.payload = printablePayload(settings.payloadBytes());
    }

    /**
     * Runs warm-up then the measured window, reporting a sample about once a second.
     *
     * @param storeBytes size of the TCS's store on disk, or -1 if unknown
     */
    public LoadResult run(Consumer<ProgressSample> onProgress, LongSupplier storeBytes) {
        Vertx vertx = Vertx.vertx();
        List<DirectTcsClient> clients = new ArrayList<>();
        List<ProgressSample> samples = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bench-progress").daemon().factory());
        try {
            List<Requester> requesters = new ArrayList<>();
            List<VerifiedWorker> workers = new ArrayList<>();
            for (int i = 0; i < settings.concurrency(); i++) {
                // One client each: a client's connection pool would otherwise cap the work orders in
                // flight.
                DirectTcsClient client = DirectTcsClient.builder(settings.url())
                        .vertx(vertx)
                        .callTimeout(settings.callTimeout())
                        .build();
                clients.add(client);
                Requester.Builder builder = Requester.builder(client)
                        .awaitTimeout(settings.callTimeout())
                        .envelope(settings.envelope());
                if (settings.signRequests()) {
                    builder.requesterKey(Secp256k1.generate());
                }
                if (settings.allowSimulation()) {
                    builder.allowSimulation();
                }
                Requester requester = builder.build();
                requesters.add(requester);
                workers.add(requester.worker(settings.workerId()));
            }
            startNanos = System.nanoTime();
            windowStartNanos = startNanos + settings.warmup().toNanos();
            endNanos = windowStartNanos + settings.duration().toNanos();
            ticker.scheduleAtFixedRate(
                    () -> {
                        ProgressSample sample = sample(storeBytes);
                        samples.add(sample);
                        onProgress.accept(sample);
                    },
                    PROGRESS_INTERVAL_MILLIS,
                    PROGRESS_INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS);
            ticker.schedule(
                    () -> cpuAtWindowStart = ProcessTreeCpu.snapshot(),
                    windowStartNanos - startNanos,
                    TimeUnit.NANOSECONDS);
            if (settings.openLoop()) {
                runOpenLoop(requesters, workers);
            } else {
                runClosedLoop(requesters, workers, endNanos);
            }
            // Taken once the last work order is in, so the CPU of the few finishing after the window
            // is charged too: CPU per work order errs high, never low.
            cpuAtWindowEnd = ProcessTreeCpu.snapshot();
        } finally {
            ticker.shutdownNow();
            clients.forEach(DirectTcsClient::close);
            vertx.close().await();
        }
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        Histogram latency = window.getIntervalHistogram();
        return new LoadResult(
                completedInWindow.sum(),
                settings.duration().toNanos() / 1e9,
                ProcessTreeCpu.secondsBetween(cpuAtWindowStart, cpuAtWindowEnd),
                cpuAtWindowEnd.size(),
                latency,
                errorCounts,
                new TreeMap<>(firstErrors),
                List.copyOf(samples));
    }

    private void runClosedLoop(List<Requester> requesters, List<VerifiedWorker> workers, long untilNanos) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requesters.size(); i++) {
                Requester requester = requesters.get(i);
                VerifiedWorker worker = workers.get(i);
                threads.execute(() -> {
                    long sentAt;
                    while ((sentAt = System.nanoTime()) < untilNanos) {
                        execute(requester, worker, sentAt);
                    }
                });
            }
        }
    }

    /**
     * Warms up in the closed loop, so that a cold JVM does not start the paced window with a backlog,
     * then paces sends on one platform thread by parking until each absolute deadline. Every send
     * time is computed from its index, not from the previous send, so a late wake-up never shifts the
     * schedule; a sender that falls behind sends at once and the delay is charged to latency.
     */
    private void runOpenLoop(List<Requester> requesters, List<VerifiedWorker> workers) {
        runClosedLoop(requesters, workers, windowStartNanos);
        double nanosBetweenSends = 1e9 / settings.rate();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long index = 0; ; index++) {
                long intendedAt = windowStartNanos + Math.round(index * nanosBetweenSends);
                if (intendedAt >= endNanos) {
                    break;
                }
                parkUntil(intendedAt);
                int slot = (int) (index % requesters.size());
                threads.execute(() -> execute(requesters.get(slot), workers.get(slot), intendedAt));
            }
        }
    }

    private static void parkUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private void execute(Requester requester, VerifiedWorker worker, long intendedAt) {
        try {
            requester
                    .newWorkOrder(worker, settings.workload())
                    .input(payload)
                    .submit()
                    .await(settings.callTimeout());
        } catch (TcsException e) {
            String kind = errorKind(e);
            errors.computeIfAbsent(kind, unused -> new LongAdder()).increment();
            firstErrors.putIfAbsent(kind, String.valueOf(e.getMessage()));
            return;
        }
        long doneAt = System.nanoTime();
        long micros = Math.max(1, (doneAt - intendedAt) / 1_000);
        lastTick.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
        completedTotal.increment();
        if (doneAt >= windowStartNanos && doneAt < endNanos) {
            window.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
            completedInWindow.increment();
        }
    }

    private static String errorKind(TcsException e) {
        return switch (e) {
            case TcsRpcException rpc -> "rpc " + rpc.code();
            case TcsTimeoutException timeout -> "timeout";
            case TcsTransportException transport -> "transport";
            case ResultVerificationException verification -> "verification";
            default -> e.getClass().getSimpleName();
        };
    }

    private ProgressSample sample(LongSupplier storeBytes) {
        Histogram tick = lastTick.getIntervalHistogram();
        double tickSeconds = tick.getEndTimeStamp() > tick.getStartTimeStamp()
                ? (tick.getEndTimeStamp() - tick.getStartTimeStamp()) / 1e3
                : PROGRESS_INTERVAL_MILLIS / 1e3;
        long errorTotal = errors.values().stream().mapToLong(LongAdder::sum).sum();
        return new ProgressSample(
                (System.nanoTime() - startNanos) / 1e9,
                completedTotal.sum(),
                tick.getTotalCount() / tickSeconds,
                tick.getValueAtPercentile(50) / 1e3,
                tick.getValueAtPercentile(99) / 1e3,
                errorTotal,
                liveHeapBytes(),
                storeBytes.getAsLong(),
                os.getCpuLoad());
    }

    /**
     * Heap in use right after the latest collection, young or old: the young generation's garbage does
     * not count, the old generation's counts until a concurrent cycle or full collection clears it, so
     * the lowest of these readings over a stretch of time is the live heap. (A memory pool's own
     * collection usage would not do: G1 updates its old generation's only when that is collected, and
     * reports 0 until then.)
     */
    public static long liveHeapBytes() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        GcInfo latest = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            GcInfo last = collector instanceof com.sun.management.GarbageCollectorMXBean withInfo
                    ? withInfo.getLastGcInfo()
                    : null;
            if (last != null && (latest == null || last.getEndTime() > latest.getEndTime())) {
                latest = last;
            }
        }
        if (latest == null) {
            return 0;
        }
        return latest.getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
    }

    /** Text the echo workload can return verbatim: it decodes inputs as UTF-8. */
    private static byte[] printablePayload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
