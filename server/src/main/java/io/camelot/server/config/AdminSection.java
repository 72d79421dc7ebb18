package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.ops.AdminConfig;
import java.util.List;

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
        int port,

        @JsonProperty("allowed_hosts")
        @JsonPropertyDescription(
                "host names requests may address the port by, besides IP addresses, localhost and host (e.g. a"
                        + " monitoring Service name); other Host headers get 421, so DNS rebinding cannot reach it")
        List<String> allowedHosts) {
    public AdminSection {
        Ranges.port("admin", port);
        allowedHosts = List.copyOf(allowedHosts);
    }

    public static AdminSection defaults() {
        return new AdminSection(true, "127.0.0.1", 9947, List.of());
    }

    public static AdminSection disabled() {
        return new AdminSection(false, "127.0.0.1", 0, List.of());
    }

    /** The same admin settings on another port (a command-line override). */
    public AdminSection withPort(int otherPort) {
        return new AdminSection(enabled, host, otherPort, allowedHosts);
    }

    /** The ops module's admin server settings. */
    public AdminConfig toSettings() {
        return new AdminConfig(enabled, host, port, allowedHosts);
    }
}
