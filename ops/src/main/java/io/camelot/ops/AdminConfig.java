package io.camelot.ops;

import java.util.List;
import java.util.Locale;

/**
 * Where the admin server listens. Loopback by default: metrics and the dashboard show ids and
 * timings, never work-order data, but they are still for operators only.
 *
 * @param port TCP port; 0 picks a free one
 * @param allowedHosts host names a request's {@code Host} header may carry besides IP addresses,
 *     {@code localhost} and {@code host}: anything else is refused, so a web page whose name an
 *     attacker re-binds to this address (DNS rebinding) cannot read the port from an operator's
 *     browser
 */
public record AdminConfig(boolean enabled, String host, int port, List<String> allowedHosts) {
    public static final int DEFAULT_PORT = 9947;

    public AdminConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin port must be in 0..65535, got " + port);
        }
        allowedHosts =
                allowedHosts.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    public static AdminConfig defaults() {
        return new AdminConfig(true, "127.0.0.1", DEFAULT_PORT, List.of());
    }

    /** A loopback or all-interfaces admin port that admits IP addresses and localhost only. */
    public static AdminConfig of(String host, int port) {
        return new AdminConfig(true, host, port, List.of());
    }

    /**
     * Whether a request naming {@code hostHeader} (the Host header's host, without port) may be
     * served. A browser sends the name of the page's origin, so an IP address or {@code localhost}
     * there is never a rebound attacker's name.
     */
    boolean admits(String hostHeader) {
        String name = hostHeader.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") || name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return true;
        }
        return name.equals("localhost") || name.equals(host.toLowerCase(Locale.ROOT)) || allowedHosts.contains(name);
    }
}
