package io.camelot.bridge;

import io.camelot.io.ConnectorPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Bridge} relays, whatever the chain.
 *
 * @param checkpoint where the bridge keeps how far it has handled the chain's events
 * @param startBlock the first block to read when there is no checkpoint yet
 * @param resultTimeout how long to wait for the TCS to finish one work order
 * @param retry how chain writes and TCS calls are retried; a relay that still fails is tried again
 *     after {@code retry.max()}, and the checkpoint waits for it
 * @param workerSyncInterval how often the TCS's worker directory is read again and changes are
 *     pushed to the chain
 * @param requestUris which hosts a workOrderRequest given as an https:// URI may be fetched from,
 *     and the largest request; with no allowed host such work orders are completed with error 2
 * @param maxInFlight the most work orders relayed at once; reading the chain waits beyond it
 */
public record RelaySettings(
        Path checkpoint,
        long startBlock,
        Duration resultTimeout,
        RetryPolicy retry,
        Duration workerSyncInterval,
        ConnectorPolicy requestUris,
        int maxInFlight) {

    public static final Duration DEFAULT_WORKER_SYNC = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;

    public RelaySettings {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(requestUris, "requestUris");
        if (startBlock < 0 || maxInFlight < 1) {
            throw new IllegalArgumentException("a bridge needs startBlock >= 0 and maxInFlight >= 1");
        }
        if (!workerSyncInterval.isPositive() || !resultTimeout.isPositive()) {
            throw new IllegalArgumentException("the worker sync interval and the result timeout must be positive");
        }
    }

    /** From block 0, five minutes per work order, worker re-sync every 30 s, no request URIs fetched. */
    public static RelaySettings defaults(Path checkpoint) {
        return new RelaySettings(
                checkpoint,
                0,
                Duration.ofMinutes(5),
                RetryPolicy.DEFAULT,
                DEFAULT_WORKER_SYNC,
                noRequestUris(),
                DEFAULT_MAX_IN_FLIGHT);
    }

    /** A policy that allows no host: workOrderRequest URIs are refused. */
    public static ConnectorPolicy noRequestUris() {
        return ConnectorPolicy.https(List.of(), List.of("GET"), ConnectorPolicy.DEFAULT_MAX_BYTES);
    }

    public RelaySettings withStartBlock(long block) {
        return new RelaySettings(checkpoint, block, resultTimeout, retry, workerSyncInterval, requestUris, maxInFlight);
    }

    public RelaySettings withWorkerSyncInterval(Duration interval) {
        return new RelaySettings(checkpoint, startBlock, resultTimeout, retry, interval, requestUris, maxInFlight);
    }

    public RelaySettings withRequestUris(ConnectorPolicy policy) {
        return new RelaySettings(checkpoint, startBlock, resultTimeout, retry, workerSyncInterval, policy, maxInFlight);
    }
}
