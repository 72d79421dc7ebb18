package io.camelot.listener;

import io.camelot.security.AddressRanges;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import io.camelot.security.ServerTls;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a listener protects itself: transport, who may call operator methods, rate limits, and the
 * largest work order it admits. The defaults keep Avalon clients working unchanged: plain HTTP,
 * requester methods open, limits above honest use.
 *
 * @param tls null: plain HTTP (Avalon's wire); otherwise HTTPS, or mutual TLS if it names a client
 *     CA
 * @param operatorAuth null: operator methods (when enabled) answer loopback callers only; otherwise
 *     every operator call must carry a request signed by one of its keys
 * @param perAddress calls per remote address, over every method
 * @param perRequester calls per {@code requesterId}, for calls that name one
 * @param maxItems most inData and most outData items in one work order
 * @param maxItemChars longest {@code data} text of one item
 * @param refuseLegacyEnvelope refuse work orders in Avalon's envelope form (docs/envelope.md)
 * @param notifyHosts the hosts a work order's notifyUri may name; none by default
 * @param trustedProxies reverse proxies whose X-Forwarded-For names the caller, for the rate limit
 *     per address and the loopback rule; none by default
 * @param outstandingBytesPerAddress raw request bytes of admitted, uncompleted work orders one remote
 *     address may have ({@link OutstandingBytes}); beyond: code 8 BUSY
 * @param outstandingBytesPerRequester the same per {@code requesterId}
 */
public record ListenerSecurity(
        ServerTls tls,
        RequestAuthenticator operatorAuth,
        RateLimiter.Limit perAddress,
        RateLimiter.Limit perRequester,
        int maxItems,
        int maxItemChars,
        boolean refuseLegacyEnvelope,
        NotifyHosts notifyHosts,
        AddressRanges trustedProxies,
        long outstandingBytesPerAddress,
        long outstandingBytesPerRequester) {

    // Well above one honest client (a requester awaits each result), well below what lets one
    // address or one requesterId crowd out the rest (review L7).
    public static final RateLimiter.Limit DEFAULT_PER_ADDRESS = new RateLimiter.Limit(1_000, 2_000);
    public static final RateLimiter.Limit DEFAULT_PER_REQUESTER = new RateLimiter.Limit(100, 200);
    public static final int DEFAULT_MAX_ITEMS = 100;
    public static final int DEFAULT_MAX_ITEM_CHARS = 1 << 20;
    // An eighth of the queue's global 1 GiB for one address (a hundred 1 MiB bodies and more), and a
    // quarter of that for one requesterId: room for honest use, not for one client to take it all.
    public static final long DEFAULT_OUTSTANDING_BYTES_PER_ADDRESS = 128L << 20;
    public static final long DEFAULT_OUTSTANDING_BYTES_PER_REQUESTER = 32L << 20;

    public ListenerSecurity {
        if (maxItems < 1 || maxItemChars < 1) {
            throw new IllegalArgumentException("maxItems and maxItemChars must be positive");
        }
        Objects.requireNonNull(notifyHosts, "notifyHosts");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (outstandingBytesPerAddress < 1 || outstandingBytesPerRequester < 1) {
            throw new IllegalArgumentException("outstanding byte budgets must be positive");
        }
    }

    public static ListenerSecurity defaults() {
        return new ListenerSecurity(
                null,
                null,
                DEFAULT_PER_ADDRESS,
                DEFAULT_PER_REQUESTER,
                DEFAULT_MAX_ITEMS,
                DEFAULT_MAX_ITEM_CHARS,
                false,
                NotifyHosts.none(),
                AddressRanges.none(),
                DEFAULT_OUTSTANDING_BYTES_PER_ADDRESS,
                DEFAULT_OUTSTANDING_BYTES_PER_REQUESTER);
    }

    public ListenerSecurity withTls(ServerTls newTls) {
        return copy(c -> c.tls = newTls);
    }

    public ListenerSecurity withOperatorAuth(RequestAuthenticator auth) {
        return copy(c -> c.operatorAuth = auth);
    }

    public ListenerSecurity withRateLimits(RateLimiter.Limit address, RateLimiter.Limit requester) {
        return copy(c -> {
            c.perAddress = address;
            c.perRequester = requester;
        });
    }

    public ListenerSecurity withItemLimits(int items, int itemChars) {
        return copy(c -> {
            c.maxItems = items;
            c.maxItemChars = itemChars;
        });
    }

    public ListenerSecurity withLegacyEnvelopeRefused(boolean refuse) {
        return copy(c -> c.refuseLegacyEnvelope = refuse);
    }

    public ListenerSecurity withNotifyHosts(NotifyHosts hosts) {
        return copy(c -> c.notifyHosts = hosts);
    }

    public ListenerSecurity withTrustedProxies(AddressRanges proxies) {
        return copy(c -> c.trustedProxies = proxies);
    }

    public ListenerSecurity withOutstandingBytes(long perAddressBytes, long perRequesterBytes) {
        return copy(c -> {
            c.outstandingBytesPerAddress = perAddressBytes;
            c.outstandingBytesPerRequester = perRequesterBytes;
        });
    }

    /** The budgets of outstanding request bytes per address and per requesterId, empty. */
    public OutstandingBytes outstandingBytes() {
        return new OutstandingBytes(outstandingBytesPerAddress, outstandingBytesPerRequester);
    }

    private ListenerSecurity copy(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The components of one value, changed in place for a {@code with} method. */
    private static final class Copy {
        ServerTls tls;
        RequestAuthenticator operatorAuth;
        RateLimiter.Limit perAddress;
        RateLimiter.Limit perRequester;
        int maxItems;
        int maxItemChars;
        boolean refuseLegacyEnvelope;
        NotifyHosts notifyHosts;
        AddressRanges trustedProxies;
        long outstandingBytesPerAddress;
        long outstandingBytesPerRequester;

        Copy(ListenerSecurity from) {
            tls = from.tls;
            operatorAuth = from.operatorAuth;
            perAddress = from.perAddress;
            perRequester = from.perRequester;
            maxItems = from.maxItems;
            maxItemChars = from.maxItemChars;
            refuseLegacyEnvelope = from.refuseLegacyEnvelope;
            notifyHosts = from.notifyHosts;
            trustedProxies = from.trustedProxies;
            outstandingBytesPerAddress = from.outstandingBytesPerAddress;
            outstandingBytesPerRequester = from.outstandingBytesPerRequester;
        }

        ListenerSecurity build() {
            return new ListenerSecurity(
                    tls,
                    operatorAuth,
                    perAddress,
                    perRequester,
                    maxItems,
                    maxItemChars,
                    refuseLegacyEnvelope,
                    notifyHosts,
                    trustedProxies,
                    outstandingBytesPerAddress,
                    outstandingBytesPerRequester);
        }
    }
}
