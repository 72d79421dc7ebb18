package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code [logging]}: log format, work-order tracing and span export. */
public record LoggingSection(
        @JsonPropertyDescription("\"text\" for people, \"json\" for one JSON object per line with the MDC")
        Format format,

        @JsonPropertyDescription("log every work order's stages with its traceId (logger io.camelot.trace)")
        @JsonProperty("work_orders")
        boolean workOrders,

        @JsonPropertyDescription(
                "OTLP/HTTP endpoint (e.g. http://127.0.0.1:4318) to export work-order spans to, under the work order's traceId; empty: none")
        @JsonProperty("otlp_endpoint")
        String otlpEndpoint) {
    /** The log line formats. */
    public enum Format implements TomlChoice {
        /** For people. */
        TEXT,
        /**
         * One JSON object per line, with the MDC: {@code traceId} and {@code workOrderId} on work-order
         * lines.
         */
        JSON;
    }

    public static LoggingSection defaults() {
        return new LoggingSection(Format.TEXT, false, "");
    }

    public LoggingSection withOtlpEndpoint(String endpoint) {
        return new LoggingSection(format, workOrders, endpoint);
    }
}
