package io.camelot.pool;

import io.camelot.security.ClientTls;
import io.camelot.security.PemFiles;
import io.camelot.security.RequestAuthenticator;
import io.camelot.security.RequestSigner;
import io.camelot.security.ServerTls;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * How one pool process (WKM, WP, Worker Manager) takes part in the pool's internal APIs: it signs
 * every call with its own P-256 identity key, and serves only calls signed by a key the operator
 * listed as a pool peer, each method only to the roles it names (docs/SECURITY.md, W1). TLS on top
 * is optional: the signatures already authenticate each call; TLS adds confidentiality of the
 * metadata on a network.
 */
public final class PeerSecurity {
    /**
     * How far a signed call's timestamp may be from now. Shorter than the operator window: pool
     * processes run on clock-synchronised hosts, and the replay cache holds one window of calls.
     */
    public static final Duration WINDOW = Duration.ofSeconds(60);

    private static final HttpClient PLAIN = http(null);

    private final RequestSigner signer;
    private final PoolPeers roles;
    private final Clock clock;
    private final ServerTls serverTls;
    private final ClientTls clientTls;
    private final HttpClient http;

    /**
     * @param identity this process's key pair
     * @param peers the pool members whose calls this process serves, with their roles
     * @param serverTls TLS for this process's endpoint, or null for plain HTTP
     * @param clientTls TLS trust for calls to https peers, or null (https peers then use the JDK's
     *     default trust store)
     */
    public PeerSecurity(KeyPair identity, PoolPeers peers, ServerTls serverTls, ClientTls clientTls, Clock clock) {
        this.signer = new RequestSigner(identity, clock);
        this.roles = peers;
        this.clock = clock;
        this.serverTls = serverTls;
        this.clientTls = clientTls;
        this.http = clientTls == null ? PLAIN : http(clientTls.sslContext());
    }

    private PeerSecurity(PeerSecurity from, HttpClient http) {
        this.signer = from.signer;
        this.roles = from.roles;
        this.clock = from.clock;
        this.serverTls = from.serverTls;
        this.clientTls = from.clientTls;
        this.http = http;
    }

    /**
     * The same identity, calling https peers whose certificate chains to this process's trust and
     * names {@code tlsName}, whatever address they are reached at: for WPs registered under pod IPs,
     * which no certificate lists in advance. What binds a WP to its address is its signed
     * registration (a WP-role key, within {@code wp_hosts}); the cost is that any holder of a
     * certificate naming {@code tlsName} could answer at another WP's address (docs/pools.md).
     * Without client TLS it is this one, calling plain HTTP.
     */
    public PeerSecurity callingPeersNamed(String tlsName) {
        return clientTls == null ? this : new PeerSecurity(this, http(clientTls.sslContextNaming(tlsName)));
    }

    /** From PEM files: this process's private key and the operator's role-labelled peer list. */
    public static PeerSecurity fromFiles(
            Path signingKey, Path peerKeys, ServerTls serverTls, ClientTls clientTls, Clock clock) {
        return new PeerSecurity(
                PemFiles.readKeyPair(signingKey), PoolPeers.read(peerKeys), serverTls, clientTls, clock);
    }

    RequestSigner signer() {
        return signer;
    }

    /**
     * A new authenticator of peer calls for one server: a call must name an audience the server
     * answers to, and is refused if signed before the server started (security review L1).
     */
    RequestAuthenticator peersAddressing(Predicate<String> answersTo) {
        return new RequestAuthenticator(roles.keys(), clock, WINDOW, answersTo);
    }

    PoolPeers roles() {
        return roles;
    }

    ServerTls serverTls() {
        return serverTls;
    }

    HttpClient http() {
        return http;
    }

    private static HttpClient http(SSLContext tls) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }
}
