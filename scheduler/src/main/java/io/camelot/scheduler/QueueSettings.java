package io.camelot.scheduler;

import java.time.Duration;

/**
 * @param maxOutstanding work orders admitted and not yet completed, over all workers; beyond it
 *     submits get BUSY (code 8)
 * @param retainCompleted how long completed work orders stay retrievable before purge
 * @param maxRetainedCompleted how many completed work orders are kept at most
 * @param purgeInterval how often the purge runs
 */
public record QueueSettings(
    long maxOutstanding,
    Duration retainCompleted,
    long maxRetainedCompleted,
    Duration purgeInterval) {

  public static QueueSettings defaults() {
    return new QueueSettings(10_000, Duration.ofHours(24), 1_000_000, Duration.ofMinutes(1));
  }
}
