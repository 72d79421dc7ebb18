package io.camelot.pool.manager;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts a WP may register under ({@code [pool] wp_hosts}). The Worker Manager sends signed
 * requests to every registered URL, so a member registering any URL would make it call into the
 * operator's network (review M6). An entry is a host name, an IP address, or a CIDR range of IP
 * addresses ({@code 10.244.0.0/16}); a URL's host is compared as written, never resolved, so a
 * range matches only URLs naming an address in it.
 */
public final class WpHosts {
    /** This host: WPs beside the Worker Manager. */
    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.0/8", "::1/128");

    private final List<String> names;
    private final List<Range> ranges;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private WpHosts(List<String> names, List<Range> ranges) {
        this.names = names;
        this.ranges = ranges;
    }

    /** Loopback only: WPs on the Worker Manager's own host. */
    public static WpHosts loopback() {
        return parse(LOOPBACK);
    }

    /**
     * @throws IllegalArgumentException naming an entry that is neither a host nor a CIDR range
     */
    public static WpHosts parse(List<String> entries) {
        List<String> names = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String spec = normalize(entry.strip());
            int slash = spec.indexOf('/');
            byte[] address = literal(slash < 0 ? spec : spec.substring(0, slash));
            if (address == null) {
                if (slash >= 0 || !spec.matches("[a-z0-9.-]+")) {
                    throw invalid(entry);
                }
                names.add(spec);
                continue;
            }
            String suffix = slash < 0 ? "" : spec.substring(slash + 1);
            int prefix = slash < 0 ? address.length * 8 : suffix.matches("\\d{1,3}") ? Integer.parseInt(suffix) : -1;
            if (prefix < 0 || prefix > address.length * 8) {
                throw invalid(entry);
            }
            ranges.add(new Range(address, prefix));
        }
        return new WpHosts(List.copyOf(names), List.copyOf(ranges));
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException(
                "wp_hosts entry \"" + entry + "\" is not a host name, address or CIDR range");
    }

    /** Why a WP may not register under {@code url}, or empty if it may. */
    Optional<String> refusal(String url) {
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URL");
        }
        if (host == null) {
            return Optional.of("url has no host");
        }
        String h = normalize(host);
        byte[] address = literal(h);
        boolean allowed = address == null ? names.contains(h) : ranges.stream().anyMatch(r -> r.contains(address));
        return allowed ? Optional.empty() : Optional.of("host " + h + " is not allowed for WPs ([pool] wp_hosts)");
    }

    /**
     * The bytes of an IPv4 or IPv6 literal, or null for anything else (no name is ever looked up).
     */
    private static byte[] literal(String host) {
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = host.split("\\.");
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                address[i] = (byte) part;
            }
            return address;
        }
        if (!host.contains(":")) {
            return null;
        }
        try {
            // With a ':' the JDK parses an IPv6 literal and never resolves.
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
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
