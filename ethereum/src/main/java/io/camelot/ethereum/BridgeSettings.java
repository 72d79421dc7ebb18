package io.camelot.ethereum;

import io.camelot.io.ConnectorPolicy;
import io.camelot.sdk.AttestationCheck;
import io.camelot.sdk.AttestationPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the DLT bridge follows the chain.
 *
 * @param confirmations blocks a WorkOrderSubmitted event must be buried under before it is acted on
 *     (0 on an instant-mining dev chain; more where reorganisations happen)
 * @param pollInterval how often to ask the node for new blocks when caught up
 * @param maxBlockRange the most blocks one eth_getLogs call covers
 * @param startBlock the first block to read when there is no checkpoint yet (the contracts'
 *     deployment block, or 0)
 * @param checkpoint where the last fully handled block is kept
 * @param resultTimeout how long to wait for the TCS to finish one work order
 * @param workerSyncInterval how often the TCS's worker directory is read again and changes are
 *     pushed on chain
 * @param oracleFeeds attested-oracle values to post to OracleResults, each on its own schedule
 * @param oracleAttestation how the oracle feeds judge the evidence of the worker they use
 * @param requestUris which hosts a workOrderRequest given as an https:// URI may be fetched from,
 *     and the largest request; with no allowed host such work orders are completed with error 2
 */
public record BridgeSettings(
        int confirmations,
        Duration pollInterval,
        int maxBlockRange,
        long startBlock,
        Path checkpoint,
        Duration resultTimeout,
        RetryPolicy retry,
        Duration workerSyncInterval,
        List<OracleFeed> oracleFeeds,
        AttestationCheck oracleAttestation,
        ConnectorPolicy requestUris) {

    public static final Duration DEFAULT_WORKER_SYNC = Duration.ofSeconds(30);

    public BridgeSettings {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(oracleAttestation, "oracleAttestation");
        Objects.requireNonNull(requestUris, "requestUris");
        oracleFeeds = List.copyOf(oracleFeeds);
        if (confirmations < 0 || maxBlockRange < 1 || startBlock < 0) {
            throw new IllegalArgumentException(
                    "bridge needs confirmations >= 0, maxBlockRange >= 1 and startBlock >= 0");
        }
        if (!workerSyncInterval.isPositive()) {
            throw new IllegalArgumentException("the worker sync interval must be positive: " + workerSyncInterval);
        }
        if (oracleFeeds.stream().map(OracleFeed::name).distinct().count() != oracleFeeds.size()) {
            throw new IllegalArgumentException("oracle feed names must be distinct: " + oracleFeeds);
        }
    }

    /**
     * No oracle feeds (a feed's worker would have to present hardware evidence) and no request URIs
     * fetched.
     */
    public static BridgeSettings defaults(Path checkpoint) {
        return new BridgeSettings(
                0,
                Duration.ofMillis(250),
                500,
                0,
                checkpoint,
                Duration.ofMinutes(5),
                RetryPolicy.DEFAULT,
                DEFAULT_WORKER_SYNC,
                List.of(),
                AttestationPolicy.strict(),
                noRequestUris());
    }

    /** A policy that allows no host: workOrderRequest URIs are refused. */
    public static ConnectorPolicy noRequestUris() {
        return ConnectorPolicy.https(List.of(), List.of("GET"), ConnectorPolicy.DEFAULT_MAX_BYTES);
    }

    public BridgeSettings withConfirmations(int blocks) {
        return new BridgeSettings(
                blocks,
                pollInterval,
                maxBlockRange,
                startBlock,
                checkpoint,
                resultTimeout,
                retry,
                workerSyncInterval,
                oracleFeeds,
                oracleAttestation,
                requestUris);
    }

    public BridgeSettings withWorkerSyncInterval(Duration interval) {
        return new BridgeSettings(
                confirmations,
                pollInterval,
                maxBlockRange,
                startBlock,
                checkpoint,
                resultTimeout,
                retry,
                interval,
                oracleFeeds,
                oracleAttestation,
                requestUris);
    }

    public BridgeSettings withOracleFeeds(List<OracleFeed> feeds, AttestationCheck attestation) {
        return new BridgeSettings(
                confirmations,
                pollInterval,
                maxBlockRange,
                startBlock,
                checkpoint,
                resultTimeout,
                retry,
                workerSyncInterval,
                feeds,
                attestation,
                requestUris);
    }

    public BridgeSettings withRequestUris(ConnectorPolicy policy) {
        return new BridgeSettings(
                confirmations,
                pollInterval,
                maxBlockRange,
                startBlock,
                checkpoint,
                resultTimeout,
                retry,
                workerSyncInterval,
                oracleFeeds,
                oracleAttestation,
                policy);
    }
}
