package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.listener.ListenerSecurity;
import io.camelot.listener.NotifyHosts;
import io.camelot.security.AddressRanges;
import io.camelot.security.DevCertificates;
import io.camelot.security.PemFiles;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import io.camelot.security.ServerTls;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code [security]}: the listener's protection (docs/SECURITY.md). */
public record SecuritySection(
        @JsonPropertyDescription(
                "\"off\" (plain HTTP, as Avalon), \"dev\" (a generated self-signed certificate under the"
                        + " data directory) or \"on\" (tls_cert and tls_key)")
        TlsMode tls,

        @JsonPropertyDescription("tls = \"on\": PEM file of the certificate chain") @JsonProperty("tls_cert")
        String tlsCert,

        @JsonPropertyDescription("tls = \"on\": PEM file of the private key") @JsonProperty("tls_key")
        String tlsKey,

        @JsonPropertyDescription("non-empty: mutual TLS, clients need a certificate from the CA in this PEM file")
        @JsonProperty("tls_client_ca")
        String tlsClientCa,

        @JsonPropertyDescription("PEM file of the P-256 public keys whose signed requests may call operator methods;"
                + " empty: operator methods (if enabled) answer loopback callers only")
        @JsonProperty("operator_keys")
        String operatorKeys,

        @JsonPropertyDescription("signed operator requests: accepted clock skew and replay memory, in seconds")
        @JsonProperty("operator_window_seconds")
        long operatorWindowSeconds,

        @JsonPropertyDescription(
                "the host:ports operators address this listener by (its URL in camelot operator --url);"
                        + " a request signed for another listener is refused; [] = any, which lets a request captured on its way"
                        + " to one listener be replayed at another with the same operator keys")
        @JsonProperty("operator_audiences")
        List<String> operatorAudiences,

        @JsonPropertyDescription("calls per second per remote address (0: unlimited); beyond: code 8 BUSY")
        @JsonProperty("rate_per_address")
        double ratePerAddress,

        @JsonPropertyDescription("calls one remote address may make in a burst above rate_per_address")
        @JsonProperty("burst_per_address")
        int burstPerAddress,

        @JsonPropertyDescription(
                "calls per second per requesterId, for calls naming one (0: unlimited); beyond: code 8 BUSY")
        @JsonProperty("rate_per_requester")
        double ratePerRequester,

        @JsonPropertyDescription("calls one requesterId may make in a burst above rate_per_requester")
        @JsonProperty("burst_per_requester")
        int burstPerRequester,

        @JsonPropertyDescription("most inData / outData items in one work order (code 2 beyond)")
        @JsonProperty("max_items")
        int maxItems,

        @JsonPropertyDescription("longest data text of one item (code 2 beyond)") @JsonProperty("max_item_chars")
        int maxItemChars,

        @JsonPropertyDescription(
                "\"allow\" (Avalon's clients keep working) or \"refuse\": work orders in Avalon's envelope"
                        + " form, with its known flaws, get code 2 (docs/envelope.md)")
        @JsonProperty("legacy_envelope")
        LegacyEnvelope legacyEnvelope,

        @JsonPropertyDescription(
                "addresses and CIDR ranges of reverse proxies in front of this listener: a call from one of them is"
                        + " rate-limited by the rightmost X-Forwarded-For address that is not a listed proxy, and is"
                        + " never a loopback caller; [] = the header is ignored")
        @JsonProperty("trusted_proxies")
        List<String> trustedProxies,

        @JsonPropertyDescription("raw request bytes of the work orders one remote address has admitted and not yet"
                + " completed; beyond: code 8 BUSY (under [queue] max_outstanding_bytes, over all)")
        @JsonProperty("max_outstanding_bytes_per_address")
        long maxOutstandingBytesPerAddress,

        @JsonPropertyDescription("the same per requesterId; beyond: code 8 BUSY")
        @JsonProperty("max_outstanding_bytes_per_requester")
        long maxOutstandingBytesPerRequester) {
    /** How the listener speaks TLS. */
    public enum TlsMode implements TomlChoice {
        OFF,
        DEV,
        ON;
    }

    /** Whether work orders in Avalon's envelope form are taken. */
    public enum LegacyEnvelope implements TomlChoice {
        ALLOW,
        REFUSE;
    }

    private static final Pattern OPERATOR_AUDIENCE = Pattern.compile("[a-z0-9.\\[\\]:-]{1,255}:[0-9]{1,5}");

    public SecuritySection {
        operatorAudiences = List.copyOf(operatorAudiences);
        trustedProxies = List.copyOf(trustedProxies);
        Ranges.atLeast("security", "max_outstanding_bytes_per_address", maxOutstandingBytesPerAddress, 1);
        Ranges.atLeast("security", "max_outstanding_bytes_per_requester", maxOutstandingBytesPerRequester, 1);
        if (AddressRanges.parse(trustedProxies).isEmpty()) {
            throw new IllegalArgumentException(
                    "[security] trusted_proxies takes IP addresses and CIDR ranges (no host names), got "
                            + trustedProxies);
        }
        if (tls == TlsMode.ON && (tlsCert.isEmpty() || tlsKey.isEmpty())) {
            throw new IllegalArgumentException("[security] tls = \"on\" needs tls_cert and tls_key");
        }
        for (String audience : operatorAudiences) {
            if (!OPERATOR_AUDIENCE.matcher(audience).matches()) {
                throw new IllegalArgumentException("[security] operator_audiences: \""
                        + audience
                        + "\" is not a lower-case host:port such as \"tcs.example.com:443\"");
            }
        }
    }

    public static SecuritySection defaults() {
        return new SecuritySection(
                TlsMode.OFF,
                "",
                "",
                "",
                "",
                300,
                List.of(),
                ListenerSecurity.DEFAULT_PER_ADDRESS.perSecond(),
                ListenerSecurity.DEFAULT_PER_ADDRESS.burst(),
                ListenerSecurity.DEFAULT_PER_REQUESTER.perSecond(),
                ListenerSecurity.DEFAULT_PER_REQUESTER.burst(),
                ListenerSecurity.DEFAULT_MAX_ITEMS,
                ListenerSecurity.DEFAULT_MAX_ITEM_CHARS,
                LegacyEnvelope.ALLOW,
                List.of(),
                ListenerSecurity.DEFAULT_OUTSTANDING_BYTES_PER_ADDRESS,
                ListenerSecurity.DEFAULT_OUTSTANDING_BYTES_PER_REQUESTER);
    }

    /** The same settings with TLS in {@code mode}. */
    public SecuritySection withTls(TlsMode mode) {
        return with(mode, operatorKeys, operatorAudiences, ratePerAddress, ratePerRequester);
    }

    /** The same settings with operator calls signed by {@code keys}, for these extra audiences. */
    public SecuritySection withOperators(String keys, List<String> audiences) {
        return with(tls, keys, audiences, ratePerAddress, ratePerRequester);
    }

    /** The same settings with no rate limits: for a throwaway node whose one client is the bench. */
    public SecuritySection withoutRateLimits() {
        return with(tls, operatorKeys, operatorAudiences, 0, 0);
    }

    private SecuritySection with(
            TlsMode mode, String keys, List<String> audiences, double addressRate, double requesterRate) {
        return new SecuritySection(
                mode,
                tlsCert,
                tlsKey,
                tlsClientCa,
                keys,
                operatorWindowSeconds,
                audiences,
                addressRate,
                burstPerAddress,
                requesterRate,
                burstPerRequester,
                maxItems,
                maxItemChars,
                legacyEnvelope,
                trustedProxies,
                maxOutstandingBytesPerAddress,
                maxOutstandingBytesPerRequester);
    }

    /**
     * The listener module's security settings: TLS (a dev certificate for {@code host} under {@code
     * dataDir} if so configured), operator keys, rate and size limits.
     */
    public ListenerSecurity toSettings(Path dataDir, String host, NotifyHosts notifyHosts, Clock clock) {
        ServerTls serverTls = switch (tls) {
            case DEV -> DevCertificates.ensureSelfSigned(dataDir.resolve("tls"), List.of(host));
            case ON ->
                new ServerTls(Path.of(tlsCert), Path.of(tlsKey), tlsClientCa.isEmpty() ? null : Path.of(tlsClientCa));
            case OFF -> null;
        };
        RequestAuthenticator operators = operatorKeys.isEmpty()
                ? null
                : new RequestAuthenticator(
                        PemFiles.readPublicKeys(Path.of(operatorKeys)),
                        clock,
                        Duration.ofSeconds(operatorWindowSeconds),
                        Set.copyOf(operatorAudiences));
        return new ListenerSecurity(
                serverTls,
                operators,
                new RateLimiter.Limit(ratePerAddress, burstPerAddress),
                new RateLimiter.Limit(ratePerRequester, burstPerRequester),
                maxItems,
                maxItemChars,
                legacyEnvelope == LegacyEnvelope.REFUSE,
                notifyHosts,
                AddressRanges.parse(trustedProxies).orElseThrow(),
                maxOutstandingBytesPerAddress,
                maxOutstandingBytesPerRequester);
    }
}
