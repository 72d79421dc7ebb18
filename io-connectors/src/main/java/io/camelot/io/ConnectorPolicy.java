package io.camelot.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the operator allows one workload to do with one connector.
 *
 * @param allowedHosts for {@code https}: {@code host} (port 443) or {@code host:port}, compared
 *     case-insensitively with the URL's authority; nothing else is reachable
 * @param methods for {@code https}: the HTTP methods allowed, upper case
 * @param maxBytes the largest request body, response body or stored value, in bytes
 * @param trustPem for {@code https}: a PEM file of the only certificates trusted as roots, instead
 *     of the JDK's default trust store (a private oracle source, or a test server)
 */
public record ConnectorPolicy(Set<String> allowedHosts, Set<String> methods, long maxBytes, Optional<Path> trustPem) {
    public static final long DEFAULT_MAX_BYTES = 1 << 20;

    public ConnectorPolicy {
        allowedHosts =
                allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a connector policy's max_bytes must be positive, not " + maxBytes);
        }
    }

    /** A policy for a connector that reaches no host, e.g. the key-value store. */
    public static ConnectorPolicy sizeOnly(long maxBytes) {
        return new ConnectorPolicy(Set.of(), Set.of(), maxBytes, Optional.empty());
    }

    /** An HTTPS policy trusting the JDK's roots. */
    public static ConnectorPolicy https(List<String> hosts, List<String> methods, long maxBytes) {
        return new ConnectorPolicy(Set.copyOf(hosts), Set.copyOf(methods), maxBytes, Optional.empty());
    }

    public ConnectorPolicy withTrustPem(Path pem) {
        return new ConnectorPolicy(allowedHosts, methods, maxBytes, Optional.of(pem));
    }

    boolean allowsHost(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return allowedHosts.contains(lower + ":" + port) || (port == 443 && allowedHosts.contains(lower));
    }

    /** Whether {@code host} is an IP address literal the operator listed (with or without a port). */
    boolean allowsAddressLiteral(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        boolean literal = lower.startsWith("[") || lower.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        return literal && allowedHosts.stream().anyMatch(entry -> entry.equals(lower) || entry.startsWith(lower + ":"));
    }
}
