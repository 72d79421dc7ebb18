package io.camelot.bridge;

import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.sdk.TcsClient;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCS's DLT bridge for the EEA proxy model, on any {@link ProxyChain}. At start it publishes the
 * TCS's workers on the chain; then it follows the chain's WorkOrderSubmitted events and relays each
 * work order for its workers to the TCS over the direct-model API, concurrently (up to
 * {@code maxInFlight}), writes the outcome back with the chain's completion and receipt update, and
 * moves the persisted checkpoint past an event only when it and everything before it is handled. A
 * crash or stop re-reads at most what was unfinished, and relaying is idempotent (a completed work
 * order is not run again, a receipt the worker updated is not updated again, the TCS answers a
 * resubmission with its stored outcome), so no work order is lost or completed twice.
 *
 * <p>A relay that fails is tried again after a backoff until it succeeds or the bridge stops; the
 * checkpoint waits for it. One the chain refuses for good ({@link ProxyChain#isPermanent}: a worker
 * marked compromised completes nothing) is counted as refused and passed. In the background the bridge re-reads the TCS's worker directory every
 * {@code workerSyncInterval} and pushes what changed (a rotated key, a status, a new worker).
 */
public final class Bridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    private final ProxyChain chain;
    private final RelaySettings settings;
    private final FileCheckpoint checkpointFile;
    private final TcsExecution execution;
    private final WorkerSync workerSync;
    private final Progress progress;
    private final Semaphore inFlight;
    private final ExecutorService relays = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService background;
    private final Thread follower;
    private volatile boolean running = true;
    private volatile Set<String> workerKeys;
    private volatile long chainHead = -1;
    private volatile String relayProblem;
    private volatile String workerSyncProblem;
    private Checkpoint saved;
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong relayFailures = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong workerWrites = new AtomicLong();
    private final AtomicLong workerSyncFailures = new AtomicLong();

    private Bridge(ProxyChain chain, TcsClient tcs, RelaySettings settings) throws InterruptedException {
        this.chain = chain;
        this.settings = settings;
        this.checkpointFile = new FileCheckpoint(settings.checkpoint());
        this.execution = new TcsExecution(tcs, chain, settings);
        this.workerSync = new WorkerSync(tcs, chain, settings.retry());
        WorkerSync.Published published = workerSync.publish();
        if (!published.failures().isEmpty()) {
            // Starting without a worker would skip its work orders and checkpoint past them.
            throw new IllegalStateException(
                    "cannot publish the TCS's workers on " + chain.describe() + ": " + published.failures());
        }
        this.workerKeys = published.workerKeys();
        workerWrites.addAndGet(published.writes());
        Checkpoint start = checkpointFile.load().orElse(Checkpoint.throughBlock(settings.startBlock() - 1));
        this.saved = start;
        this.progress = new Progress(start);
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.follower = Thread.ofPlatform().name("bridge-follower").daemon().unstarted(this::follow);
        this.background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bridge-worker-sync").daemon().factory());
    }

    /**
     * Publishes the TCS's workers on the chain, then follows it on a thread of its own.
     *
     * @param tcs the TCS's direct-model API; the bridge does not close it, nor the chain
     * @throws IllegalStateException when a worker cannot be published
     */
    public static Bridge start(ProxyChain chain, TcsClient tcs, RelaySettings settings) throws InterruptedException {
        Bridge bridge = new Bridge(chain, tcs, settings);
        LOG.info(
                "Bridge for workers {} on {}, after {}",
                bridge.workerKeys,
                chain.describe(),
                bridge.progress.committed());
        bridge.follower.start();
        long syncMillis = settings.workerSyncInterval().toMillis();
        bridge.background.scheduleWithFixedDelay(bridge::syncWorkers, syncMillis, syncMillis, TimeUnit.MILLISECONDS);
        return bridge;
    }

    /** Everything up to here is handled, and saved in the checkpoint file. */
    public Checkpoint checkpoint() {
        return progress.committed();
    }

    /** The workers (in the chain's form) whose work orders this bridge relays. */
    public Set<String> workerKeys() {
        return workerKeys;
    }

    /** The latest block number the bridge read from the chain (-1 before any). */
    public long chainHead() {
        return chainHead;
    }

    /** Blocks the chain is ahead of the checkpoint: events not yet handled may be in them. */
    public long lagBlocks() {
        long head = chainHead;
        return head < 0 ? 0 : Math.max(0, head - progress.committed().lastWholeBlock());
    }

    /** Work orders relayed to the TCS whose outcome is on the chain. */
    public long relayedWorkOrders() {
        return relayed.get();
    }

    /** Relay attempts that failed (each is tried again). */
    public long failedRelays() {
        return relayFailures.get();
    }

    /**
     * Work orders whose outcome the chain refused for good (a worker marked compromised cannot
     * complete): they stay open on the chain, and the checkpoint moves past them.
     */
    public long refusedWorkOrders() {
        return refused.get();
    }

    /** Worker writes (register, update, status, registry list) sent to keep the chain in step. */
    public long workerWrites() {
        return workerWrites.get();
    }

    /** Worker re-syncs that failed, wholly or for some worker (the next one tries again). */
    public long failedWorkerSyncs() {
        return workerSyncFailures.get();
    }

    /** Why the last worker re-sync failed, or empty if it succeeded. */
    public Optional<String> workerSyncProblem() {
        String problem = workerSyncProblem;
        return problem == null ? Optional.empty() : Optional.of("worker re-sync failed: " + problem);
    }

    /** Why a relay is failing now, or empty when the last relay of each work order succeeded. */
    public Optional<String> relayProblem() {
        String problem = relayProblem;
        return problem == null ? Optional.empty() : Optional.of("relaying fails: " + problem);
    }

    /** Why the chain does not answer now, or empty when it does. */
    public Optional<String> chainProblem() {
        try {
            chainHead = Math.max(chainHead, chain.head());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking " + chain.describe());
        } catch (Exception e) {
            return Optional.of(chain.describe() + " does not answer: " + e.getMessage());
        }
    }

    /**
     * Brings the chain in step with the TCS's worker directory; what fails waits for the next run.
     * Workers are only ever added to those relayed for: one that fails a re-sync keeps its orders.
     */
    private void syncWorkers() {
        try {
            WorkerSync.Published published = workerSync.publish();
            Set<String> keys = new LinkedHashSet<>(workerKeys);
            keys.addAll(published.workerKeys());
            workerKeys = Collections.unmodifiableSet(keys);
            workerWrites.addAndGet(published.writes());
            boolean failed = !published.failures().isEmpty();
            workerSyncProblem = failed ? "workers " + published.failures() : null;
            if (failed) {
                workerSyncFailures.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            workerSyncFailures.incrementAndGet();
            workerSyncProblem = e.toString();
            LOG.warn("Worker re-sync failed; retrying in {}", settings.workerSyncInterval(), e);
        }
    }

    /** Follows the chain from what was delivered; after a failure, again after a backoff. */
    private void follow() {
        Duration delay = settings.retry().initial();
        ProxyChain.Events events = new Events();
        while (running) {
            Checkpoint after = progress.lastDelivered();
            try {
                chainHead = Math.max(chainHead, chain.head());
                chain.follow(after, events);
                return; // returns only when interrupted
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warn("Following {} after {} failed, again in {} ms", chain.describe(), after, delay.toMillis(), e);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    return;
                }
                delay = settings.retry().next(delay);
            }
        }
    }

    private final class Events implements ProxyChain.Events {
        @Override
        public void submitted(ChainWorkOrder order) throws InterruptedException {
            // A rejected submission (duplicate id, inactive worker) is stored nowhere; another worker's is not ours.
            if (order.errorCode() != 0 || !workerKeys.contains(order.workerId())) {
                passed(order.position());
                return;
            }
            inFlight.acquire();
            Progress.Entry entry = progress.relaying(order.position());
            relays.execute(() -> {
                try {
                    if (relayUntilDone(order)) {
                        progress.handled(entry).ifPresent(moved -> saveCheckpoint());
                    }
                } finally {
                    inFlight.release();
                }
            });
        }

        @Override
        public void passed(Checkpoint position) {
            chainHead = Math.max(chainHead, position.block());
            progress.passed(position).ifPresent(moved -> saveCheckpoint());
        }
    }

    /** Saves the latest checkpoint; under a lock so that the file never moves backwards. */
    private synchronized void saveCheckpoint() {
        Checkpoint latest = progress.committed();
        if (latest.equals(saved)) {
            return;
        }
        try {
            checkpointFile.save(latest);
            saved = latest;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ClosedByInterruptException && !running) {
                // Stopping interrupted the write; the file keeps the checkpoint before it (a rename is
                // atomic), and after a restart the bridge re-reads from there.
                return;
            }
            throw e;
        }
    }

    /** Returns whether the work order is handled; false when the bridge stopped first. */
    private boolean relayUntilDone(ChainWorkOrder order) {
        Duration delay = settings.retry().initial();
        while (running) {
            try (var span = WorkOrderTrace.open(order.key(), "camelot.bridge.relay")) {
                relay(order);
                relayed.incrementAndGet();
                relayProblem = null;
                return true;
            } catch (InterruptedException e) {
                return false;
            } catch (Exception e) {
                if (chain.isPermanent(e)) {
                    // The chain refuses this work order's outcome for good (e.g. its worker is marked
                    // compromised): retrying would hold up every later work order's checkpoint.
                    refused.incrementAndGet();
                    LOG.error(
                            "{} refuses the outcome of work order {}; it stays open there",
                            chain.describe(),
                            order.key(),
                            e);
                    return true;
                }
                relayFailures.incrementAndGet();
                relayProblem = "work order " + order.key() + ": " + e.getMessage();
                LOG.warn("Relaying work order {} failed, again in {} ms", order.key(), delay.toMillis(), e);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    return false;
                }
                delay = settings.retry().next(delay);
            }
        }
        return false;
    }

    /** Runs the work order unless the chain has its outcome already, then records it on the receipt. */
    private void relay(ChainWorkOrder order) throws Exception {
        RetryPolicy retry = settings.retry();
        Optional<String> onLedger =
                retry.call("read work order " + order.key(), () -> chain.response(order), chain::isPermanent);
        TcsExecution.Outcome outcome;
        if (onLedger.isPresent()) {
            outcome = TcsExecution.Outcome.of(onLedger.get());
        } else {
            outcome = execution.execute(order);
            retry.call(
                    "complete work order " + order.key(),
                    () -> {
                        chain.complete(order, outcome.response());
                        return null;
                    },
                    chain::isPermanent);
        }
        // As in the direct model: the update data of a completed receipt is the response's hash in hex.
        String updateData = HexFormat.of().withUpperCase().formatHex(Sha256.digest(outcome.response()));
        retry.call(
                "update the receipt of " + order.key(),
                () -> {
                    chain.updateReceipt(order, outcome.status(), updateData);
                    return null;
                },
                chain::isPermanent);
    }

    /**
     * Stops following; relays in flight are interrupted and redone after a restart, as is a worker
     * re-sync. Closes neither the chain nor the TCS client.
     */
    @Override
    public void close() {
        running = false;
        follower.interrupt();
        background.shutdownNow();
        relays.shutdownNow();
        try {
            follower.join(Duration.ofSeconds(30));
            background.awaitTermination(30, TimeUnit.SECONDS);
            relays.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
