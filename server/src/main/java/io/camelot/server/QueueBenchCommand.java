package io.camelot.server;

import io.camelot.protocol.hash.Sha256;
import io.camelot.scheduler.QueueSettings;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.scheduler.WorkOrderQueue.Admission;
import io.camelot.store.TcsStore;
import io.camelot.store.postgres.PostgresQueueTable;
import io.camelot.store.postgres.PostgresSettings;
import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.SharedQueueWorker;
import io.camelot.store.postgres.SharedWorkOrderQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the shared PostgreSQL queue alone, without crypto: a burst of work orders submitted as
 * fast as the submitters can, drained by several drainers (each with its own pool and LISTEN
 * connection, as separate worker processes would have) whose processor only stores a response.
 * Queue latency is the time from a submit's commit to the start of its processing.
 */
@Command(
        name = "queue-bench",
        mixinStandardHelpOptions = true,
        description = "Burst-load the shared PostgreSQL work order queue and report queue latency and drain rate.")
final class QueueBenchCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "TOML file with [store] backend = \"postgres\"")
    Path configFile;

    @Option(names = "--work-orders", description = "Work orders in the burst (default: ${DEFAULT-VALUE})")
    int workOrders = 10_000;

    @Option(names = "--submitters", description = "Concurrent submitting threads (default: ${DEFAULT-VALUE})")
    int submitters = 16;

    @Option(names = "--drainers", description = "Draining worker instances (default: ${DEFAULT-VALUE})")
    int drainers = 2;

    @Option(names = "--concurrency", description = "Work orders each drainer runs at once (default: ${DEFAULT-VALUE})")
    int concurrency = 4;

    @Option(names = "--payload", description = "Request bytes per work order (default: ${DEFAULT-VALUE})")
    int payloadBytes = 1024;

    @Override
    public Integer call() throws Exception {
        CamelotConfig config = CamelotConfig.load(configFile);
        PostgresSettings settings = StoreFactory.sharedSettings(config.store(), "queue-bench");
        String workerId = "queue-bench-" + UUID.randomUUID();
        Map<String, Long> submittedAt = new ConcurrentHashMap<>();
        long[] latencies = new long[workOrders];
        AtomicLong measured = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong();
        CountDownLatch drained = new CountDownLatch(workOrders);
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');

        try (NodeAssembly open = new NodeAssembly()) {
            PostgresTcsStore listenerStore = PostgresTcsStore.open(settings);
            open.add(listenerStore);
            QueueSettings defaults = QueueSettings.defaults();
            SharedWorkOrderQueue queue = new SharedWorkOrderQueue(
                    new PostgresQueueTable(listenerStore),
                    new QueueSettings(
                            Long.MAX_VALUE,
                            defaults.retainCompleted(),
                            defaults.maxRetainedCompleted(),
                            defaults.purgeInterval()),
                    Clock.systemUTC());
            open.add(queue);
            for (int d = 0; d < drainers; d++) {
                PostgresTcsStore store = PostgresTcsStore.open(settings);
                open.add(store);
                WorkOrderProcessor processor = workOrder -> {
                    Long at = submittedAt.get(workOrder.workOrderId());
                    long index = measured.getAndIncrement();
                    if (at != null && index < latencies.length) {
                        latencies[(int) index] = System.nanoTime() - at;
                    }
                    return complete(store, workOrder, lastCompletion, drained);
                };
                SharedQueueWorker drainer = new SharedQueueWorker(
                        new PostgresQueueTable(store), workerId, processor, concurrency, Duration.ofSeconds(30));
                open.add(drainer);
                drainer.start();
            }

            System.err.printf(
                    "queue-bench: %d work orders from %d submitters, %d drainers x %d%n",
                    workOrders, submitters, drainers, concurrency);
            long start = System.nanoTime();
            AtomicLong next = new AtomicLong();
            List<Future<?>> running = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(submitters)) {
                for (int s = 0; s < submitters; s++) {
                    running.add(threads.submit(() -> {
                        for (long i = next.getAndIncrement(); i < workOrders; i = next.getAndIncrement()) {
                            String id = workerId + "-" + i;
                            byte[] request = ("{\"id\":"
                                            + i
                                            + ",\"payload\":\""
                                            + new String(payload, StandardCharsets.US_ASCII)
                                            + "\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                            // Stamped before the submit: the latency includes the commit.
                            submittedAt.put(id, System.nanoTime());
                            if (queue.submit(id, workerId, null, Sha256.digest(request), request)
                                    != Admission.ACCEPTED) {
                                throw new IllegalStateException("work order " + id + " was not accepted");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> submitter : running) {
                    submitter.get();
                }
            }
            long submitted = System.nanoTime();
            if (!drained.await(30, TimeUnit.MINUTES)) {
                System.err.println("queue-bench: not drained after 30 minutes");
                return 1;
            }
            long end = lastCompletion.get();
            long[] sorted = Arrays.copyOf(latencies, (int) Math.min(measured.get(), workOrders));
            Arrays.sort(sorted);
            System.out.printf(
                    "burst submitted in      %8.2f s  (%.0f submits/s)%n",
                    seconds(submitted - start), workOrders / seconds(submitted - start));
            System.out.printf(
                    "drained in              %8.2f s  (%.0f work orders/s, from the first submit)%n",
                    seconds(end - start), workOrders / seconds(end - start));
            System.out.printf("queue latency p50       %8.1f ms%n", millis(percentile(sorted, 50)));
            System.out.printf("queue latency p90       %8.1f ms%n", millis(percentile(sorted, 90)));
            System.out.printf("queue latency p99       %8.1f ms%n", millis(percentile(sorted, 99)));
            System.out.printf("queue latency max       %8.1f ms%n", millis(sorted[sorted.length - 1]));
            System.out.printf(
                    "processed exactly once  %s (%d runs for %d work orders)%n",
                    measured.get() == workOrders, measured.get(), workOrders);
            long left = listenerStore.pending(workerId).size();
            System.out.printf("left pending            %d%n", left);
            return measured.get() == workOrders && left == 0 ? 0 : 1;
        }
    }

    private static byte[] complete(
            PostgresTcsStore store, QueuedWorkOrder workOrder, AtomicLong lastCompletion, CountDownLatch drained) {
        byte[] response = "{\"result\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        boolean stored = store.complete(
                new TcsStore.Completion(workOrder.workOrderId(), response, System.currentTimeMillis(), Map.of(), null));
        if (stored) {
            lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
            drained.countDown();
        }
        return stored ? response : null;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
