package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.scheduler.QueueSettings;
import java.time.Duration;

/** {@code [queue]}: admission limits and retention of completed work orders. */
public record QueueSection(
        @JsonPropertyDescription("work orders admitted and not yet completed, over all workers; beyond: code 8 BUSY")
        @JsonProperty("max_outstanding")
        long maxOutstanding,

        @JsonPropertyDescription("completed work orders older than this are purged")
        @JsonProperty("retain_completed_hours")
        long retainCompletedHours,

        @JsonPropertyDescription("purge keeps at most this many completed work orders, removing the oldest first")
        @JsonProperty("max_retained_completed")
        long maxRetainedCompleted,

        @JsonPropertyDescription("seconds between purges") @JsonProperty("purge_interval_seconds")
        long purgeIntervalSeconds,

        @JsonPropertyDescription(
                "a work order still waiting for its worker after this long fails unrun (code 1); 0 = never")
        @JsonProperty("pending_timeout_seconds")
        long pendingTimeoutSeconds,

        @JsonPropertyDescription(
                "purge keeps every work order completed this recently, even beyond max_retained_completed"
                        + " (it logs an ERROR instead): a flood cannot push out others' results and receipts")
        @JsonProperty("min_retention_seconds")
        long minRetentionSeconds,

        @JsonPropertyDescription(
                "raw request bytes of the work orders admitted and not yet completed; beyond: code 8 BUSY")
        @JsonProperty("max_outstanding_bytes")
        long maxOutstandingBytes,

        @JsonPropertyDescription("purge forgets the ids of purged work orders beyond this many, oldest first; a"
                + " replayed request is still refused by its request hash, which is kept")
        @JsonProperty("max_tombstones")
        long maxTombstones) {
    public QueueSection {
        Ranges.atLeast("queue", "max_outstanding_bytes", maxOutstandingBytes, 1);
        Ranges.atLeast("queue", "max_tombstones", maxTombstones, 0);
        Ranges.atLeast("queue", "min_retention_seconds", minRetentionSeconds, 0);
    }

    public static QueueSection defaults() {
        return new QueueSection(
                10_000,
                24,
                1_000_000,
                60,
                QueueSettings.DEFAULT_PENDING_TIMEOUT.toSeconds(),
                QueueSettings.DEFAULT_MIN_RETENTION.toSeconds(),
                QueueSettings.DEFAULT_MAX_OUTSTANDING_BYTES,
                QueueSettings.DEFAULT_MAX_TOMBSTONES);
    }

    /** The same admission limits with other purge settings (bench's throwaway node). */
    public QueueSection withPurge(long retainedCompleted, long intervalSeconds, long minRetention) {
        return new QueueSection(
                maxOutstanding,
                retainCompletedHours,
                retainedCompleted,
                intervalSeconds,
                pendingTimeoutSeconds,
                minRetention,
                maxOutstandingBytes,
                maxTombstones);
    }

    /** The scheduler's settings. */
    public QueueSettings toSettings() {
        return new QueueSettings(
                maxOutstanding,
                Duration.ofHours(retainCompletedHours),
                maxRetainedCompleted,
                Duration.ofSeconds(purgeIntervalSeconds),
                Duration.ofSeconds(pendingTimeoutSeconds),
                Duration.ofSeconds(minRetentionSeconds),
                maxOutstandingBytes,
                maxTombstones);
    }
}
