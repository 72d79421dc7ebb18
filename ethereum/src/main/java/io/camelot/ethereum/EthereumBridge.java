package io.camelot.ethereum;

import io.camelot.ethereum.contracts.WorkOrderRegistry;
import io.camelot.sdk.TcsClient;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The TCS's DLT bridge for the EEA proxy model on Ethereum. At start it publishes the TCS's workers
 * on chain; then it reads WorkOrderSubmitted events block range by block range (each range at least
 * {@code confirmations} deep), relays every order for its workers to the TCS over the direct-model
 * API concurrently, posts the outcomes with workOrderComplete, and only then moves the persisted
 * checkpoint past the range. A crash or stop re-reads at most the unfinished range, and relaying is
 * idempotent, so no order is lost or completed twice.
 *
 * <p>In the background it re-reads the TCS's worker directory every {@code workerSyncInterval} and
 * pushes what changed (a rotated key, a status, a new worker), and runs the oracle feeds.
 */
public final class EthereumBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EthereumBridge.class);
    private static final String SUBMITTED_TOPIC = EventEncoder.encode(WorkOrderRegistry.WORKORDERSUBMITTED_EVENT);

    private final Chain chain;
    private final ProxyContracts contracts;
    private final BridgeSettings settings;
    private final FileCheckpoint checkpoint;
    private final WorkOrderRelay relay;
    private final WorkerPublisher publisher;
    private final OracleFeeds oracle;
    private volatile Set<String> workerIds;
    private final ExecutorService relays = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService background;
    private final Thread follower;
    private volatile boolean running = true;
    private volatile long lastHandledBlock;
    private volatile long chainHead = -1;
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong relayFailures = new AtomicLong();
    private final AtomicLong workerTransactions = new AtomicLong();
    private final AtomicLong workerSyncFailures = new AtomicLong();
    private volatile String workerSyncProblem;

    private EthereumBridge(TcsClient tcs, Chain chain, ProxyContracts contracts, BridgeSettings settings)
            throws Exception {
        this.chain = chain;
        this.contracts = contracts;
        this.settings = settings;
        this.checkpoint = new FileCheckpoint(settings.checkpoint());
        this.relay = new WorkOrderRelay(tcs, chain, contracts, settings);
        this.publisher = new WorkerPublisher(tcs, chain, contracts, settings.retry());
        WorkerPublisher.Published published = publisher.publish();
        if (!published.failures().isEmpty()) {
            // Starting without a worker would skip its work orders and checkpoint past them.
            throw new IllegalStateException("cannot publish the TCS's workers on chain: " + published.failures());
        }
        this.workerIds = published.workerIds();
        workerTransactions.addAndGet(published.transactions());
        this.oracle = new OracleFeeds(tcs, chain, contracts, settings, this::workerIds);
        this.lastHandledBlock = checkpoint.load().orElse(settings.startBlock() - 1);
        this.follower = Thread.ofPlatform().name("ethereum-bridge").daemon().unstarted(this::follow);
        // One thread for worker re-syncs and one per oracle feed, so that a slow round delays no other.
        this.background = Executors.newScheduledThreadPool(
                1 + settings.oracleFeeds().size(),
                Thread.ofPlatform()
                        .name("ethereum-bridge-background-", 0)
                        .daemon()
                        .factory());
    }

    /**
     * Publishes the TCS's workers, then follows the chain on a thread of its own.
     *
     * @param tcs the TCS's direct-model API; the bridge does not close it
     * @param chain the TCS's account, which registers workers and completes their orders
     */
    public static EthereumBridge start(TcsClient tcs, Chain chain, ProxyContracts contracts, BridgeSettings settings)
            throws Exception {
        EthereumBridge bridge = new EthereumBridge(tcs, chain, contracts, settings);
        LOG.info(
                "Ethereum bridge for workers {} from account {} at {}; work orders at {}, from block {}",
                bridge.workerIds,
                chain.address(),
                chain.settings().rpcUrl(),
                contracts.workOrderRegistry(),
                bridge.lastHandledBlock + 1);
        bridge.follower.start();
        bridge.startBackground();
        return bridge;
    }

    private void startBackground() {
        long syncMillis = settings.workerSyncInterval().toMillis();
        background.scheduleWithFixedDelay(this::syncWorkers, syncMillis, syncMillis, TimeUnit.MILLISECONDS);
        for (OracleFeed feed : settings.oracleFeeds()) {
            background.scheduleWithFixedDelay(
                    () -> oracle.round(feed), 0, feed.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Brings the chain in step with the TCS's worker directory; what fails waits for the next run.
     * Workers are only ever added to those relayed for: one that fails a re-sync keeps its orders.
     */
    private void syncWorkers() {
        try {
            WorkerPublisher.Published published = publisher.publish();
            Set<String> ids = new LinkedHashSet<>(workerIds);
            ids.addAll(published.workerIds());
            workerIds = Collections.unmodifiableSet(ids);
            workerTransactions.addAndGet(published.transactions());
            boolean failed = !published.failures().isEmpty();
            workerSyncProblem = failed ? "workers " + published.failures() : null;
            if (failed) {
                workerSyncFailures.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            workerSyncFailures.incrementAndGet();
            workerSyncProblem = e.toString();
            LOG.warn(
                    "Worker re-sync failed; retrying in {} ms",
                    settings.workerSyncInterval().toMillis(),
                    e);
        }
    }

    /** The last block whose work orders are all completed on chain (-1 before any). */
    public long lastHandledBlock() {
        return lastHandledBlock;
    }

    public Set<String> workerIds() {
        return workerIds;
    }

    /** The latest block number the bridge read from the chain (-1 before any). */
    public long chainHead() {
        return chainHead;
    }

    /** Blocks the chain is ahead of the checkpoint: events not yet handled may be in them. */
    public long lagBlocks() {
        return chainHead < 0 ? 0 : Math.max(0, chainHead - lastHandledBlock);
    }

    /** Work orders relayed to the TCS whose outcome the bridge posted on chain. */
    public long relayedWorkOrders() {
        return relayed.get();
    }

    /** Relays that failed (the block range is read again later). */
    public long failedRelays() {
        return relayFailures.get();
    }

    /**
     * Worker transactions (register, update, status, registry list) sent to keep the chain in step.
     */
    public long workerTransactions() {
        return workerTransactions.get();
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

    /** What the oracle feed of this name last posted on chain, if anything yet. */
    public Optional<OraclePost> latestOraclePost(String feedName) {
        return oracle.latest(feedName);
    }

    public long oraclePosts() {
        return oracle.posts();
    }

    public long failedOracleRounds() {
        return oracle.failures();
    }

    /** Why oracle feeds failed their last round, or empty if none did. */
    public Optional<String> oracleProblem() {
        Map<String, String> problems = oracle.problems();
        return problems.isEmpty() ? Optional.empty() : Optional.of("oracle feeds failing: " + problems);
    }

    /** Why the chain does not answer eth_blockNumber now, or empty when it does. */
    public Optional<String> chainProblem() {
        try {
            chainHead = Math.max(chainHead, chain.blockNumber().longValueExact());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("eth_blockNumber at " + chain.settings().rpcUrl() + " failed: " + e.getMessage());
        }
    }

    private void follow() {
        Duration failureDelay = settings.retry().initial();
        while (running) {
            try {
                long head = chain.blockNumber().longValueExact();
                chainHead = head;
                long safe = head - settings.confirmations();
                long from = lastHandledBlock + 1;
                if (safe < from) {
                    Thread.sleep(settings.pollInterval());
                    continue;
                }
                long to = Math.min(safe, from + settings.maxBlockRange() - 1);
                relayAll(submittedEvents(from, to));
                checkpoint.save(to);
                lastHandledBlock = to;
                failureDelay = settings.retry().initial();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warn(
                        "Bridge round after block {} failed, retrying in {} ms",
                        lastHandledBlock,
                        failureDelay.toMillis(),
                        e);
                try {
                    Thread.sleep(failureDelay);
                } catch (InterruptedException interrupted) {
                    return;
                }
                Duration doubled = failureDelay.multipliedBy(2);
                failureDelay = doubled.compareTo(settings.retry().max()) > 0
                        ? settings.retry().max()
                        : doubled;
            }
        }
    }

    private List<WorkOrderRegistry.WorkOrderSubmittedEventResponse> submittedEvents(long from, long to)
            throws Exception {
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
                contracts.workOrderRegistry());
        filter.addSingleTopic(SUBMITTED_TOPIC);
        EthLog logs = settings.retry().call("eth_getLogs " + from + ".." + to, () -> {
            EthLog answer = chain.web3j().ethGetLogs(filter).send();
            if (answer.hasError()) {
                throw new IllegalStateException(
                        "eth_getLogs: " + answer.getError().getMessage());
            }
            return answer;
        });
        List<WorkOrderRegistry.WorkOrderSubmittedEventResponse> ours = new ArrayList<>();
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            var event = WorkOrderRegistry.getWorkOrderSubmittedEventFromLog((Log) result.get());
            // Rejected submissions (duplicate id, inactive worker) carry a non-zero errorCode.
            if (event.errorCode.signum() == 0 && workerIds.contains(Bytes32.hex(event.workerId))) {
                ours.add(event);
            }
        }
        return ours;
    }

    /** Relays all concurrently; fails if any failed, so that the range is read again. */
    private void relayAll(List<WorkOrderRegistry.WorkOrderSubmittedEventResponse> events) throws Exception {
        List<Future<?>> pending = new ArrayList<>();
        for (var event : events) {
            pending.add(relays.submit(() -> {
                try {
                    relay.relay(event);
                    relayed.incrementAndGet();
                } catch (Exception e) {
                    relayFailures.incrementAndGet();
                    throw e;
                }
                return null;
            }));
        }
        Exception failure = null;
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops following; relays in flight are interrupted and redone after a restart, as are a worker
     * re-sync or an oracle round.
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
