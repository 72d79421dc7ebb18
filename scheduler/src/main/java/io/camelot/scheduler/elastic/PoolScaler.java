package io.camelot.scheduler.elastic;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker's instances between {@link ScalingPolicy#min} and {@link ScalingPolicy#max},
 * following the shared queue: each round it reaps and replaces instances that died, adds instances
 * at once when the queued and running work orders exceed what the current ones carry, and removes
 * one instance (drained, newest first) each time the pool has stayed idle for the policy's idle
 * period. The same logic drives any {@link WorkerLauncher}. An instance that dies within {@link
 * #CRASH_WINDOW} of its launch counts as a crash loop: each further such death doubles the wait
 * before the next launch (from {@link #FIRST_BACKOFF} up to {@link #MAX_BACKOFF}), so a broken
 * image or configuration is not restarted in a tight loop; an instance that lives longer resets it.
 */
public final class PoolScaler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoolScaler.class);
    static final Duration CRASH_WINDOW = Duration.ofSeconds(15);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final WorkerLauncher launcher;
    private final ScalingPolicy policy;
    private final Supplier<PoolLoad> load;
    private final String namePrefix;
    private final Clock clock;
    private final AtomicLong launched = new AtomicLong();
    private final List<String> stopping = new ArrayList<>();
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pool-scaler").daemon().factory());
    private final Map<String, Long> launchedAtMillis = new HashMap<>();
    private long idleSinceMillis = -1;
    private int quickDeaths;
    private long launchNotBeforeMillis;

    public PoolScaler(
            WorkerLauncher launcher, ScalingPolicy policy, Supplier<PoolLoad> load, String namePrefix, Clock clock) {
        this.launcher = launcher;
        this.policy = policy;
        this.load = load;
        this.namePrefix = namePrefix;
        this.clock = clock;
    }

    /** Runs {@link #reconcile} now and then every {@code interval}. */
    public void start(Duration interval) {
        rounds.scheduleWithFixedDelay(this::safeReconcile, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeReconcile() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Scaling round failed; next round retries: {}", e.toString());
        }
    }

    /** One round; returns the number of instances wanted after it. */
    public synchronized int reconcile() {
        Map<String, Boolean> instances = launcher.instances();
        List<String> live = new ArrayList<>();
        instances.forEach((name, running) -> {
            if (running) {
                live.add(name);
            } else {
                if (!stopping.remove(name)) {
                    died(name);
                }
                launchedAtMillis.remove(name);
                launcher.reap(name);
            }
        });
        // A stopped instance that is gone (a deleted pod) is no longer being stopped.
        stopping.retainAll(instances.keySet());
        live.removeAll(stopping);
        // Launch order: names share the prefix, so a longer number is a later one.
        live.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));

        PoolLoad now = load.get();
        int needed = policy.needed(now);
        int current = live.size();
        if (needed > current) {
            idleSinceMillis = -1;
            if (clock.millis() < launchNotBeforeMillis) {
                return current;
            }
            for (int i = current; i < needed; i++) {
                String name = namePrefix + "-" + launched.incrementAndGet();
                log.info("Starting worker instance {} ({} queued, {} running)", name, now.queued(), now.running());
                launchedAtMillis.put(name, clock.millis());
                launcher.launch(name);
            }
            return needed;
        }
        if (current > policy.min() && policy.idle(now, current)) {
            long nowMillis = clock.millis();
            if (idleSinceMillis < 0) {
                idleSinceMillis = nowMillis;
            } else if (nowMillis - idleSinceMillis
                    >= policy.idleBeforeScaleDown().toMillis()) {
                String newest = live.getLast();
                log.info("Stopping idle worker instance {} ({} running)", newest, now.running());
                stopping.add(newest);
                launcher.stop(newest);
                idleSinceMillis = nowMillis;
                return current - 1;
            }
        } else {
            idleSinceMillis = -1;
        }
        return current;
    }

    /** An instance ended that nobody stopped: replaced, after a backoff if it died young again. */
    private void died(String name) {
        Long launchedAt = launchedAtMillis.get(name);
        long nowMillis = clock.millis();
        if (launchedAt == null || nowMillis - launchedAt >= CRASH_WINDOW.toMillis()) {
            quickDeaths = 0;
            log.warn("Worker instance {} died; replacing it", name);
            return;
        }
        quickDeaths++;
        if (quickDeaths == 1) {
            log.warn("Worker instance {} died within {} s of its launch; replacing it", name, CRASH_WINDOW.toSeconds());
            return;
        }
        long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(quickDeaths - 2, 20));
        launchNotBeforeMillis = nowMillis + backoff;
        log.error(
                "Worker instance {} died within {} s of its launch, {} times in a row (crash loop?); next launch in {} ms;"
                        + " see its log",
                name,
                CRASH_WINDOW.toSeconds(),
                quickDeaths,
                backoff);
    }

    /** Stops scaling; the instances keep running until the launcher is closed. */
    @Override
    public void close() {
        rounds.shutdownNow();
        try {
            // A round in progress may still launch; the caller closes the launcher after this returns.
            rounds.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
