package io.camelot.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonParamsMethod;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.manager.PeerFiles;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.security.ClientTls;
import io.camelot.security.DevCertificates;
import io.camelot.security.RequestSigner;
import io.camelot.security.ServerTls;
import io.camelot.security.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool-internal APIs serve only calls signed by a listed peer key, each signature once
 * (docs/SECURITY.md, W1): anything else gets code 3 and never reaches the method.
 */
class PeerAuthenticationTest {
    static final Clock CLOCK = Clock.systemUTC();
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Map<String, Set<PoolRole>> ANY_ROLE = Map.of("Ping", EnumSet.allOf(PoolRole.class));

    @TempDir
    Path dir;

    final KeyPair server = RequestSigner.newKeyPair();
    final KeyPair peer = RequestSigner.newKeyPair();
    final AtomicInteger served = new AtomicInteger();
    final List<AutoCloseable> open = new ArrayList<>();

    /** A pool method that counts the calls it is given. */
    final RpcMethod<JsonNode> ping = new JsonParamsMethod() {
        @Override
        public String name() {
            return "Ping";
        }

        @Override
        public RpcOutcome invoke(RpcCall<JsonNode> call) {
            served.incrementAndGet();
            return RpcOutcome.result(Map.of("pong", call.params().path("n").asInt()));
        }
    };

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    InternalServer start(ServerTls tls) {
        InternalServer started = InternalServer.start(
                "127.0.0.1",
                0,
                List.of(ping),
                ANY_ROLE,
                new PeerSecurity(
                        server,
                        PoolPeers.of(Map.of(server.getPublic(), PoolRole.WKM, peer.getPublic(), PoolRole.WP)),
                        tls,
                        null,
                        CLOCK));
        open.add(started);
        return started;
    }

    RpcClient client(String url, KeyPair identity, ClientTls tls) {
        return new RpcClient(
                url,
                TIMEOUT,
                closedAfter(new PeerSecurity(
                        identity, PoolPeers.of(Map.of(server.getPublic(), PoolRole.WKM)), null, tls, CLOCK)));
    }

    PeerSecurity closedAfter(PeerSecurity security) {
        open.add(security);
        return security;
    }

    static JsonNode post(String url, byte[] body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header(SignedRequests.HEADER, authorization);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return ProtocolJson.parse(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .body());
        }
    }

    static byte[] ping(int n) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Ping\",\"params\":{\"n\":" + n + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCallSignedByAListedPeerIsServed() {
        InternalServer endpoint = start(null);
        assertThat(client(endpoint.url(), peer, null)
                        .call("Ping", Map.of("n", 7))
                        .path("pong")
                        .asInt())
                .isEqualTo(7);
        assertThat(served).hasValue(1);
    }

    @Test
    void aCallWithoutSignatureIsRefusedWithCode3() throws Exception {
        InternalServer endpoint = start(null);
        JsonNode answer = post(endpoint.url(), ping(1), null);
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
        assertThat(answer.path("error").path("message").asText()).contains("a signed request is required");
        JsonNode malformed = post(endpoint.url(), ping(1), SignedRequests.SCHEME + " key=00");
        assertThat(malformed.path("error").path("code").asInt()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
        assertThat(served).hasValue(0);
    }

    @Test
    void aHeaderWithoutAListedKeyOrFreshTimestampIsRefusedBeforeTheBodyIsParsed() throws Exception {
        InternalServer endpoint = start(null);
        // 8 MiB that is not JSON: parsed, it would be code 2; refused on its header, it is never read.
        byte[] large = new byte[8 << 20];
        Arrays.fill(large, (byte) 'x');
        Clock tenMinutesAgo = Clock.offset(CLOCK, Duration.ofMinutes(-10));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("missing", null);
        headers.put("malformed", SignedRequests.SCHEME + " key=00");
        headers.put(
                "unlisted key",
                new RequestSigner(RequestSigner.newKeyPair(), CLOCK).authorization("wkm.test:7001", large));
        headers.put("stale", new RequestSigner(peer, tenMinutesAgo).authorization("wkm.test:7001", large));
        for (var header : headers.entrySet()) {
            JsonNode answer = post(endpoint.url(), large, header.getValue());
            assertThat(answer.path("error").path("code").asInt())
                    .as(header.getKey())
                    .isEqualTo(ErrorCode.ACCESS_DENIED.code());
            assertThat(answer.path("error").path("message").asText())
                    .as(header.getKey())
                    .startsWith("Request refused: ");
        }
        assertThat(served).hasValue(0);
    }

    @Test
    void aCallSignedByAnUnlistedKeyIsRefusedWithCode3() {
        InternalServer endpoint = start(null);
        RpcClient stranger = client(endpoint.url(), RequestSigner.newKeyPair(), null);
        assertThatThrownBy(() -> stranger.call("Ping", Map.of("n", 1)))
                .isInstanceOfSatisfying(RpcCallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
                    assertThat(e.peerMessage()).contains("is not authorised");
                });
        assertThat(served).hasValue(0);
    }

    @Test
    void aReplayedCallIsRefusedWithCode3AndASignatureCoversItsBodyOnly() throws Exception {
        InternalServer endpoint = start(null);
        byte[] body = ping(5);
        String authorization = new RequestSigner(peer, CLOCK).authorization(audience(endpoint), body);
        assertThat(post(endpoint.url(), body, authorization)
                        .path("result")
                        .path("pong")
                        .asInt())
                .isEqualTo(5);

        JsonNode replayed = post(endpoint.url(), body, authorization);
        assertThat(replayed.path("error").path("code").asInt()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
        assertThat(replayed.path("error").path("message").asText()).contains("replayed");
        JsonNode otherBody =
                post(endpoint.url(), ping(6), new RequestSigner(peer, CLOCK).authorization(audience(endpoint), body));
        assertThat(otherBody.path("error").path("code").asInt()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
        assertThat(served).hasValue(1);
    }

    @Test
    void aCallSignedForWkm0IsRefusedWithCode3WhenReplayedToWkm1() throws Exception {
        InternalServer wkm0 = start(null);
        InternalServer wkm1 = start(null);
        byte[] body = ping(8);
        String forWkm0 = new RequestSigner(peer, CLOCK).authorization(audience(wkm0), body);

        JsonNode replayed = post(wkm1.url(), body, forWkm0);
        assertThat(replayed.path("error").path("code").asInt()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
        assertThat(replayed.path("error").path("message").asText())
                .contains("request is for " + audience(wkm0) + ", not this");
        assertThat(served).hasValue(0);
        assertThat(post(wkm0.url(), body, forWkm0).path("result").path("pong").asInt())
                .isEqualTo(8);
    }

    @Test
    void aCallSignedBeforeThePoolServerStartedIsRefusedWithCode3SoARestartCannotReplayIt() throws Exception {
        Clock beforeStart = Clock.offset(CLOCK, Duration.ofSeconds(-5));
        InternalServer restarted = start(null);
        byte[] body = ping(9);
        JsonNode answer = post(
                restarted.url(), body, new RequestSigner(peer, beforeStart).authorization(audience(restarted), body));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
        assertThat(answer.path("error").path("message").asText()).contains("before this process started");
        assertThat(served).hasValue(0);
    }

    static String audience(InternalServer endpoint) {
        return SignedRequests.audience(URI.create(endpoint.url()));
    }

    @Test
    void generatedPoolIdentitiesSignAsListedPeers() {
        PoolIdentities identities = PoolIdentities.generate(dir.resolve("keys"), 1, 2, false);
        InternalServer endpoint = InternalServer.start(
                "127.0.0.1",
                0,
                List.of(ping),
                ANY_ROLE,
                PeerSecurity.fromFiles(identities.keyFile("wkm-0"), identities.peersFile(), null, null, CLOCK));
        open.add(endpoint);
        // A WP signs with the key file alone; the manager with its in-memory identity.
        RpcClient wp = new RpcClient(
                endpoint.url(),
                TIMEOUT,
                closedAfter(
                        PeerSecurity.fromFiles(identities.keyFile("wp-1"), identities.peersFile(), null, null, CLOCK)));
        assertThat(wp.call("Ping", Map.of("n", 1)).path("pong").asInt()).isEqualTo(1);
        RpcClient manager = new RpcClient(endpoint.url(), TIMEOUT, closedAfter(identities.managerSecurity(CLOCK)));
        assertThat(manager.call("Ping", Map.of("n", 2)).path("pong").asInt()).isEqualTo(2);
        assertThat(served).hasValue(2);
    }

    @Test
    void overTlsAClientThatTrustsTheCertificateIsServedAndOneThatDoesNotIsNot() {
        ServerTls tls = DevCertificates.ensureSelfSigned(dir.resolve("tls"), List.of());
        InternalServer endpoint = start(tls);
        assertThat(endpoint.url()).startsWith("https://127.0.0.1:");
        RpcClient trusting = client(endpoint.url(), peer, ClientTls.trusting(tls.certificate()));
        assertThat(trusting.call("Ping", Map.of("n", 3)).path("pong").asInt()).isEqualTo(3);
        // Redirected clients keep the trust and the identity.
        assertThat(trusting.at(endpoint.url())
                        .call("Ping", Map.of("n", 4))
                        .path("pong")
                        .asInt())
                .isEqualTo(4);

        DevCertificates.selfSigned("other", List.of("127.0.0.1")).write(dir.resolve("o.pem"), dir.resolve("o.key"));
        RpcClient untrusting = client(endpoint.url(), peer, ClientTls.trusting(dir.resolve("o.pem")));
        assertThatThrownBy(() -> untrusting.call("Ping", Map.of("n", 5))).isInstanceOf(PeerUnavailableException.class);
        RpcClient plain = client(endpoint.url().replace("https:", "http:"), peer, null);
        assertThatThrownBy(() -> plain.call("Ping", Map.of("n", 6))).isInstanceOf(PeerUnavailableException.class);
        assertThat(served).hasValue(2);
    }

    @Test
    void poolCaCertificatesAreAcceptedForTheirOwnNamesOnlyAndAWpByItsRoleNameAtAnyAddress() {
        Path keys = dir.resolve("pool-keys");
        List<String> wps = List.of(PoolIdentities.ELASTIC_WP);
        PoolIdentities.generate(keys, List.of("wkm-a"), wps)
                .issueTls(
                        Map.of(
                                PoolIdentities.MANAGER,
                                List.of("camelot-pool-manager"),
                                "wkm-a",
                                List.of("localhost"),
                                PoolIdentities.ELASTIC_WP,
                                wps),
                        wps);
        ClientTls poolCa = ClientTls.trusting(keys.resolve(PoolIdentities.POOL_CA_FILE));
        InternalServer wkm = start(serverTls(keys, "wkm-a"));
        assertThat(client(byName(wkm), peer, poolCa)
                        .call("Ping", Map.of("n", 1))
                        .path("pong")
                        .asInt())
                .isEqualTo(1);
        // An address its certificate does not list, and another member's certificate, are refused.
        assertThatThrownBy(() -> client(wkm.url(), peer, poolCa).call("Ping", Map.of("n", 2)))
                .isInstanceOf(PeerUnavailableException.class);
        InternalServer manager = start(serverTls(keys, PoolIdentities.MANAGER));
        assertThatThrownBy(() -> client(byName(manager), peer, poolCa).call("Ping", Map.of("n", 3)))
                .isInstanceOf(PeerUnavailableException.class);

        // The dispatcher calls a WP at the address it registered: its certificate must name the WP role.
        PeerSecurity dispatcher = closedAfter(closedAfter(new PeerSecurity(
                        peer, PoolPeers.of(Map.of(server.getPublic(), PoolRole.WKM)), null, poolCa, CLOCK))
                .callingPeersNamed(PoolIdentities.WP_TLS_NAME));
        InternalServer wp = start(serverTls(keys, PoolIdentities.ELASTIC_WP));
        assertThat(new RpcClient(wp.url(), TIMEOUT, dispatcher)
                        .call("Ping", Map.of("n", 4))
                        .path("pong")
                        .asInt())
                .isEqualTo(4);
        // A WKM's certificate does not name it, and one from another CA is not trusted.
        assertThatThrownBy(() -> new RpcClient(byName(wkm), TIMEOUT, dispatcher).call("Ping", Map.of("n", 5)))
                .isInstanceOf(PeerUnavailableException.class);
        DevCertificates.selfSigned("rogue", List.of(PoolIdentities.WP_TLS_NAME, "127.0.0.1"))
                .write(dir.resolve("rogue.pem"), dir.resolve("rogue.key"));
        InternalServer rogue = start(new ServerTls(dir.resolve("rogue.pem"), dir.resolve("rogue.key"), null));
        assertThatThrownBy(() -> new RpcClient(rogue.url(), TIMEOUT, dispatcher).call("Ping", Map.of("n", 6)))
                .isInstanceOf(PeerUnavailableException.class);
        assertThat(served).hasValue(2);
    }

    static ServerTls serverTls(Path keys, String member) {
        PeerFiles files = PoolIdentities.fileNames(member, true).in(keys);
        return new ServerTls(files.tlsCert(), files.tlsKey(), null);
    }

    static String byName(InternalServer endpoint) {
        return endpoint.url().replace("127.0.0.1", "localhost");
    }
}
