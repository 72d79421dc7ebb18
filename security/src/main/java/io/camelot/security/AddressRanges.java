package io.camelot.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A set of IP addresses given as addresses and CIDR ranges ({@code 10.0.0.5}, {@code
 * 10.244.0.0/16}, {@code ::1/128}). Only literals are compared: no name is ever looked up, so what
 * matches cannot change with DNS.
 */
public final class AddressRanges {
    private static final AddressRanges NONE = new AddressRanges(List.of());

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

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static AddressRanges none() {
        return NONE;
    }

    /**
     * The ranges of {@code entries}, or empty if one entry is not an address or CIDR range (the
     * caller names what it was for).
     */
    public static Optional<AddressRanges> parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            Optional<Range> range = range(entry);
            if (range.isEmpty()) {
                return Optional.empty();
            }
            ranges.add(range.get());
        }
        return Optional.of(new AddressRanges(List.copyOf(ranges)));
    }

    /** Whether {@code entry} is an address or a CIDR range (and not, say, a host name). */
    public static boolean isRange(String entry) {
        return range(entry).isPresent();
    }

    private static Optional<Range> range(String entry) {
        String spec = normalize(entry.strip());
        int slash = spec.indexOf('/');
        byte[] address = literal(slash < 0 ? spec : spec.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        String suffix = slash < 0 ? "" : spec.substring(slash + 1);
        int prefix = slash < 0 ? address.length * 8 : suffix.matches("\\d{1,3}") ? Integer.parseInt(suffix) : -1;
        return prefix < 0 || prefix > address.length * 8 ? Optional.empty() : Optional.of(new Range(address, prefix));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code host}, an IP literal, is in one of the ranges; a name never is. */
    public boolean contains(String host) {
        // RpcServer asks this for every request; most listeners list no proxies.
        if (ranges.isEmpty()) {
            return false;
        }
        byte[] address = literal(normalize(host));
        return address != null && ranges.stream().anyMatch(range -> range.contains(address));
    }

    /**
     * The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 one as IPv4), or null for anything
     * else.
     */
    public static byte[] literal(String host) {
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
    public static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
