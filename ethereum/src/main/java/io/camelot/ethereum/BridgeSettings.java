package io.camelot.ethereum;

import io.camelot.bridge.RelaySettings;
import io.camelot.io.ConnectorPolicy;
import io.camelot.sdk.AttestationCheck;
import io.camelot.sdk.AttestationPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the Ethereum bridge follows the chain.
 *
 * @param relay how work orders are relayed and workers synced, as on any chain
 * @param confirmations blocks a WorkOrderSubmitted event must be buried under before it is acted on
 *     (0 on an instant-mining dev chain; more where reorganisations happen)
 * @param pollInterval how often to ask the node for new blocks when caught up
 * @param maxBlockRange the most blocks one eth_getLogs call covers
 * @param oracleFeeds attested-oracle values to post to OracleResults, each on its own schedule
 * @param oracleAttestation how the oracle feeds judge the evidence of the worker they use
 */
public record BridgeSettings(
        RelaySettings relay,
        int confirmations,
        Duration pollInterval,
        int maxBlockRange,
        List<OracleFeed> oracleFeeds,
        AttestationCheck oracleAttestation) {

    public BridgeSettings {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(oracleAttestation, "oracleAttestation");
        oracleFeeds = List.copyOf(oracleFeeds);
        if (confirmations < 0 || maxBlockRange < 1) {
            throw new IllegalArgumentException("bridge needs confirmations >= 0 and maxBlockRange >= 1");
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
                RelaySettings.defaults(checkpoint),
                0,
                Duration.ofMillis(250),
                500,
                List.of(),
                AttestationPolicy.strict());
    }

    public BridgeSettings withConfirmations(int blocks) {
        return new BridgeSettings(relay, blocks, pollInterval, maxBlockRange, oracleFeeds, oracleAttestation);
    }

    public BridgeSettings withWorkerSyncInterval(Duration interval) {
        return withRelay(relay.withWorkerSyncInterval(interval));
    }

    public BridgeSettings withRequestUris(ConnectorPolicy policy) {
        return withRelay(relay.withRequestUris(policy));
    }

    public BridgeSettings withOracleFeeds(List<OracleFeed> feeds, AttestationCheck attestation) {
        return new BridgeSettings(relay, confirmations, pollInterval, maxBlockRange, feeds, attestation);
    }

    private BridgeSettings withRelay(RelaySettings settings) {
        return new BridgeSettings(settings, confirmations, pollInterval, maxBlockRange, oracleFeeds, oracleAttestation);
    }
}
