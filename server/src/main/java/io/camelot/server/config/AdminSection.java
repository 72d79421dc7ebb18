package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * {@code [admin]}: the admin port: Prometheus {@code /metrics}, {@code /health/live}, {@code
 * /health/ready} and the dashboard. Loopback by default; it shows ids and timings, never work-order
 * data.
 */
public record AdminSection(
        @JsonPropertyDescription("serve /metrics, /health/live, /health/ready and the dashboard")
        boolean enabled,

        @JsonPropertyDescription("interface to bind; keep it on loopback unless a firewall guards the port")
        String host,

        @JsonPropertyDescription("TCP port; 0 picks a free one (printed at start-up)")
        int port) {
    public AdminSection {
        Ranges.port("admin", port);
    }

    public static AdminSection defaults() {
        return new AdminSection(true, "127.0.0.1", 9947);
    }

    public static AdminSection disabled() {
        return new AdminSection(false, "127.0.0.1", 0);
    }

    /** The same admin settings on another port (a command-line override). */
    public AdminSection withPort(int otherPort) {
        return new AdminSection(enabled, host, otherPort);
    }
}
