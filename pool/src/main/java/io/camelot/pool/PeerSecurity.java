package io.camelot.pool;

import io.camelot.security.ClientTls;
import io.camelot.security.PemFiles;
import io.camelot.security.RequestAuthenticator;
import io.camelot.security.RequestSigner;
import io.camelot.security.ServerTls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How one pool process (WKM, WP, Worker Manager) takes part in the pool's internal APIs: it signs
 * every call with its own P-256 identity key, and serves only calls signed by a key the operator
 * listed as a pool peer, each method only to the roles it names (docs/SECURITY.md, W1). TLS on top
 * is optional: the signatures already authenticate each call; TLS adds confidentiality of the
 * metadata on a network.
 *
 * <p>Its calls go out through one Vert.x HTTP/1.1 client with keep-alive connections, opened on
 * the first call on a Vert.x instance of its own; {@link #close} closes both, so the owner of a
 * process's PeerSecurity closes it after the parts that call through it.
 */
public final class PeerSecurity implements AutoCloseable {
    /**
     * How far a signed call's timestamp may be from now. Shorter than the operator window: pool
     * processes run on clock-synchronised hosts, and the replay cache holds one window of calls.
     */
    public static final Duration WINDOW = Duration.ofSeconds(60);

    /** Connections per peer: above the work order slots a caller runs against one peer. */
    private static final int CONNECTIONS_PER_PEER = 32;

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final RequestSigner signer;
    private final PoolPeers roles;
    private final Clock clock;
    private final ServerTls serverTls;
    private final ClientTls clientTls;
    private final HttpClientOptions clientOptions;
    private Vertx vertx;
    private volatile HttpClient http;
    private boolean closed;

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
        this.clientOptions = clientTls == null ? clientOptions() : clientTls.applyTo(clientOptions());
    }

    private PeerSecurity(PeerSecurity from, HttpClientOptions clientOptions) {
        this.signer = from.signer;
        this.roles = from.roles;
        this.clock = from.clock;
        this.serverTls = from.serverTls;
        this.clientTls = from.clientTls;
        this.clientOptions = clientOptions;
    }

    /**
     * The same identity, calling https peers whose certificate chains to this process's trust and
     * names {@code tlsName}, whatever address they are reached at: for WPs registered under pod IPs,
     * which no certificate lists in advance. What binds a WP to its address is its signed
     * registration (a WP-role key, within {@code wp_hosts}); the cost is that any holder of a
     * certificate naming {@code tlsName} could answer at another WP's address (docs/pools.md).
     * Without client TLS it is this one, calling plain HTTP. The one returned has its own client,
     * for its caller to close.
     */
    public PeerSecurity callingPeersNamed(String tlsName) {
        return clientTls == null ? this : new PeerSecurity(this, clientTls.applyNamingTo(clientOptions(), tlsName));
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

    /** The client this process calls its peers with, opened on first use. */
    HttpClient client() {
        HttpClient opened = http;
        return opened != null ? opened : open();
    }

    private synchronized HttpClient open() {
        if (closed) {
            throw new PeerUnavailableException("this process's pool client is closed");
        }
        if (http == null) {
            vertx = Vertx.vertx();
            http = vertx.createHttpClient(clientOptions, new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_PEER));
        }
        return http;
    }

    /** Closes the client and its connections; calls made after fail as a peer unavailable. */
    @Override
    public synchronized void close() {
        closed = true;
        http = null;
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private static HttpClientOptions clientOptions() {
        return new HttpClientOptions().setKeepAlive(true).setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    }
}
