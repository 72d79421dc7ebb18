package io.camelot.ethereum;

import io.camelot.bridge.Bridge;
import io.camelot.sdk.TcsClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCS's DLT bridge for the EEA proxy model on Ethereum: the chain-independent {@link Bridge}
 * on the proxy-model contracts ({@link EthereumChain}), plus the attested-oracle feeds, which post
 * to OracleResults on schedules of their own.
 */
public final class EthereumBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EthereumBridge.class);

    private final Bridge bridge;
    private final OracleFeeds oracle;
    private final ScheduledExecutorService feeds;

    private EthereumBridge(Bridge bridge, OracleFeeds oracle, int feedCount) {
        this.bridge = bridge;
        this.oracle = oracle;
        // One thread per oracle feed, so that a slow round delays no other.
        this.feeds = Executors.newScheduledThreadPool(
                Math.max(1, feedCount),
                Thread.ofPlatform().name("ethereum-oracle-", 0).daemon().factory());
    }

    /**
     * Publishes the TCS's workers, then follows the chain on a thread of its own.
     *
     * @param tcs the TCS's direct-model API; the bridge does not close it
     * @param chain the TCS's account, which registers workers and completes their orders; the bridge
     *     does not close it
     */
    public static EthereumBridge start(TcsClient tcs, Chain chain, ProxyContracts contracts, BridgeSettings settings)
            throws InterruptedException {
        Bridge bridge = Bridge.start(new EthereumChain(chain, contracts, settings), tcs, settings.relay());
        OracleFeeds oracle = new OracleFeeds(tcs, chain, contracts, settings, bridge::workerKeys);
        EthereumBridge ethereum =
                new EthereumBridge(bridge, oracle, settings.oracleFeeds().size());
        LOG.info("Ethereum bridge from account {}; work orders at {}", chain.address(), contracts.workOrderRegistry());
        for (OracleFeed feed : settings.oracleFeeds()) {
            ethereum.feeds.scheduleWithFixedDelay(
                    () -> oracle.round(feed), 0, feed.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        return ethereum;
    }

    /** The relay, its checkpoint, worker sync and meters. */
    public Bridge core() {
        return bridge;
    }

    /** The last block whose work orders are all completed on chain (-1 before any). */
    public long lastHandledBlock() {
        return bridge.checkpoint().lastWholeBlock();
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

    /**
     * Stops following and the oracle feeds; relays in flight are interrupted and redone after a
     * restart, as are a worker re-sync or an oracle round.
     */
    @Override
    public void close() {
        feeds.shutdownNow();
        bridge.close();
        try {
            feeds.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
