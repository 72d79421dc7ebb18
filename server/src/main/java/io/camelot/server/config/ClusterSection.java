package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code [cluster]}: the shared queue of a PostgreSQL store. */
public record ClusterSection(
        @JsonPropertyDescription("how long a worker process holds a claimed work order without renewing; a crashed"
                + " process's work orders are taken over after at most this long")
        @JsonProperty("lease_ms")
        long leaseMs) {
    public static ClusterSection defaults() {
        return new ClusterSection(30_000);
    }
}
