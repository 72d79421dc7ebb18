package io.camelot.ops;

/**
 * Where the admin server listens. Loopback by default: metrics and the dashboard show ids and
 * timings, never work-order data, but they are still for operators only.
 *
 * @param port TCP port; 0 picks a free one
 */
public record AdminConfig(boolean enabled, String host, int port) {
    public static final int DEFAULT_PORT = 9947;

    public AdminConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin port must be in 0..65535, got " + port);
        }
    }

    public static AdminConfig defaults() {
        return new AdminConfig(true, "127.0.0.1", DEFAULT_PORT);
    }
}
