package io.camelot.listener;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts a work order's {@code notifyUri} may name ({@code [listener] notify_hosts}): the TCS
 * POSTs completion notices from inside the operator's network, so it contacts only hosts the
 * operator listed (review finding H2). An entry is {@code host} (any port) or {@code host:port};
 * the suffix {@value #PRIVATE_SUFFIX} lets that entry resolve to loopback, link-local, private,
 * any-local or multicast addresses, which are refused otherwise. No entries: notifications are off.
 */
public final class NotifyHosts {
    public static final String PRIVATE_SUFFIX = "!private";

    /** One allow-list entry; {@code port} -1 means any port. */
    record Entry(String host, int port, boolean privateAllowed) {}

    /**
     * A notifyUri that passed the allow list.
     *
     * @param path the path and query to request, "/" at least
     * @param privateAllowed the matching entry lets the host resolve to non-public addresses
     */
    record Target(boolean https, String host, int port, String path, boolean privateAllowed) {}

    private final List<Entry> entries;

    private NotifyHosts(List<Entry> entries) {
        this.entries = entries;
    }

    public static NotifyHosts none() {
        return new NotifyHosts(List.of());
    }

    /**
     * @throws IllegalArgumentException naming an entry that is not {@code host} or {@code host:port}
     */
    public static NotifyHosts parse(List<String> entries) {
        return new NotifyHosts(entries.stream().map(NotifyHosts::entry).toList());
    }

    private static Entry entry(String text) {
        String spec = text.strip();
        boolean privateAllowed = spec.endsWith(PRIVATE_SUFFIX);
        if (privateAllowed) {
            spec = spec.substring(0, spec.length() - PRIVATE_SUFFIX.length());
        }
        URI uri = null;
        try {
            uri = new URI("http://" + spec);
        } catch (URISyntaxException e) {
            // Reported below with the entry's text.
        }
        if (uri == null
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("notify_hosts entry \""
                    + text
                    + "\" is not host or host:port (optionally followed by "
                    + PRIVATE_SUFFIX
                    + ")");
        }
        return new Entry(normalize(uri.getHost()), uri.getPort(), privateAllowed);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Whether a submitted notifyUri may be stored: absent or empty (as Avalon's clients send it), or
     * allowed.
     */
    public Optional<String> refusal(String notifyUri) {
        if (notifyUri == null || notifyUri.isBlank()) {
            return Optional.empty();
        }
        try {
            target(notifyUri);
            return Optional.empty();
        } catch (IllegalArgumentException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /**
     * The allowed target of a non-empty notifyUri. The same parse serves the submit check and the
     * POST, so no second URL parser can read a different host out of the text.
     *
     * @throws IllegalArgumentException with the message a requester gets (code 2)
     */
    Target target(String notifyUri) {
        URI uri;
        try {
            uri = new URI(notifyUri.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("notifyUri is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("notifyUri must be an http or https URL with a host");
        }
        String host = normalize(uri.getHost());
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        Entry match = entries.stream()
                .filter(e -> e.host().equals(host) && (e.port() == -1 || e.port() == port))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("notifyUri host "
                        + host
                        + (uri.getPort() == -1 ? "" : ":" + port)
                        + " is not allowed by this TCS ([listener] notify_hosts)"));
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Target(https, host, port, path, match.privateAllowed());
    }

    /**
     * Loopback, link-local (cloud metadata at 169.254.169.254), site-local and private (10/8,
     * 172.16/12, 192.168/16, fec0::/10, fc00::/7), any-local or multicast: inside the operator's
     * network.
     */
    static boolean isNonPublic(InetAddress address) {
        return address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                || address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** Lower case, without an IPv6 literal's brackets or a fully qualified name's final dot. */
    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
