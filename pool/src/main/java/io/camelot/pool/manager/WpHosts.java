package io.camelot.pool.manager;

import io.camelot.security.AddressRanges;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
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
    private final AddressRanges ranges;

    private WpHosts(List<String> names, AddressRanges ranges) {
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
        List<String> ranges = new ArrayList<>();
        for (String entry : entries) {
            String spec = AddressRanges.normalize(entry.strip());
            if (AddressRanges.isRange(spec)) {
                ranges.add(spec);
            } else if (spec.matches("[a-z0-9.-]+")) {
                names.add(spec);
            } else {
                throw invalid(entry);
            }
        }
        return new WpHosts(List.copyOf(names), AddressRanges.parse(ranges).orElseThrow());
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
        String h = AddressRanges.normalize(host);
        boolean allowed = AddressRanges.literal(h) == null ? names.contains(h) : ranges.contains(h);
        return allowed ? Optional.empty() : Optional.of("host " + h + " is not allowed for WPs ([pool] wp_hosts)");
    }
}
