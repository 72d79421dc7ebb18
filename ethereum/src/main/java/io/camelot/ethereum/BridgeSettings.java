package io.camelot.ethereum;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the DLT bridge follows the chain.
 *
 * @param confirmations blocks a WorkOrderSubmitted event must be buried under before it is acted
 *     on (0 on an instant-mining dev chain; more where reorganisations happen)
 * @param pollInterval how often to ask the node for new blocks when caught up
 * @param maxBlockRange the most blocks one eth_getLogs call covers
 * @param startBlock the first block to read when there is no checkpoint yet (the contracts'
 *     deployment block, or 0)
 * @param checkpoint where the last fully handled block is kept
 * @param resultTimeout how long to wait for the TCS to finish one work order
 */
public record BridgeSettings(
    int confirmations,
    Duration pollInterval,
    int maxBlockRange,
    long startBlock,
    Path checkpoint,
    Duration resultTimeout,
    RetryPolicy retry) {

  public BridgeSettings {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (confirmations < 0 || maxBlockRange < 1 || startBlock < 0) {
      throw new IllegalArgumentException(
          "bridge needs confirmations >= 0, maxBlockRange >= 1 and startBlock >= 0");
    }
  }

  public static BridgeSettings defaults(Path checkpoint) {
    return new BridgeSettings(
        0, Duration.ofMillis(250), 500, 0, checkpoint, Duration.ofMinutes(5), RetryPolicy.DEFAULT);
  }

  public BridgeSettings withConfirmations(int blocks) {
    return new BridgeSettings(
        blocks, pollInterval, maxBlockRange, startBlock, checkpoint, resultTimeout, retry);
  }
}
