package io.camelot.io;

import static io.camelot.io.WorkloadFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelot.workload.ExternalIo;
import io.camelot.workload.WorkloadException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsConnectorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    LocalHttpsServer source;

    @BeforeEach
    void startSource() {
        source = new LocalHttpsServer(dir).serve("/price", "{\"eth_usd\": 3120.55}");
    }

    @AfterEach
    void stopSource() {
        source.close();
    }

    ExternalIo io(ConnectorPolicy policy) {
        return new Connectors(
                        List.of(new HttpsConnector(CLOCK)),
                        List.of(new Connectors.Grant("oracle", HttpsConnector.NAME, policy)))
                .forWorkOrder("oracle", new MapConnectorState());
    }

    ConnectorPolicy allowSource() {
        return ConnectorPolicy.https(List.of(source.host()), List.of("GET"), 4096)
                .withTrustPem(source.trustPem());
    }

    static byte[] request(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fetchesAnAllowedSourceWithItsCertificateFingerprintAndTime() throws Exception {
        JsonNode response =
                JSON.readTree(io(allowSource()).call("https", request("{\"url\": \"" + source.url("/price") + "\"}")));
        assertThat(response.get("status").asInt()).isEqualTo(200);
        assertThat(new String(Base64.getDecoder().decode(response.get("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"eth_usd\": 3120.55}");
        assertThat(response.get("certificateSha256").asText()).isEqualTo(source.certificateSha256());
        assertThat(response.get("fetchedAt").asText()).isEqualTo("2026-11-21T12:00:00Z");
        assertThat(response.get("contentType").asText()).isEqualTo("application/json");
    }

    @Test
    void aHostOutsideThePolicyIsDenied() {
        ConnectorPolicy otherHost = ConnectorPolicy.https(List.of("127.0.0.1:1"), List.of("GET"), 4096)
                .withTrustPem(source.trustPem());
        assertFails(
                        () -> io(otherHost).call("https", request("{\"url\": \"" + source.url("/price") + "\"}")),
                        Reason.ACCESS_DENIED)
                .hasMessage("host 127.0.0.1:" + source.port() + " is not allowed for oracle");
    }

    @Test
    void aMethodOutsideThePolicyIsDenied() {
        assertFails(
                        () -> io(allowSource())
                                .call(
                                        "https",
                                        request("{\"method\": \"POST\", \"url\": \"" + source.url("/price") + "\"}")),
                        Reason.ACCESS_DENIED)
                .hasMessage("method POST is not allowed for oracle on https");
    }

    @Test
    void plainHttpIsDenied() {
        assertFails(
                () -> io(allowSource()).call("https", request("{\"url\": \"http://" + source.host() + "/price\"}")),
                Reason.ACCESS_DENIED);
    }

    @Test
    void aResponseLargerThanThePolicyIsDenied() {
        source.serve("/big", "x".repeat(5000));
        assertFails(
                        () -> io(allowSource()).call("https", request("{\"url\": \"" + source.url("/big") + "\"}")),
                        Reason.ACCESS_DENIED)
                .hasMessageContaining("exceeds the policy's 4096 bytes");
    }

    @Test
    void aBodyTrickledPastTheDeadlineFailsTheFetchAtTheDeadline() {
        source.serveSlowly("/slow", "x".repeat(100), Duration.ofMillis(100));
        ExternalIo io = new Connectors(
                        List.of(new HttpsConnector(CLOCK, Duration.ofSeconds(1))),
                        List.of(new Connectors.Grant("oracle", HttpsConnector.NAME, allowSource())))
                .forWorkOrder("oracle", new MapConnectorState());
        long start = System.nanoTime();
        assertFails(() -> io.call("https", request("{\"url\": \"" + source.url("/slow") + "\"}")), Reason.FAILED)
                .hasMessage("https fetch of " + source.url("/slow") + " did not finish within 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aTrickledBodyLargerThanThePolicyIsDeniedWithoutWaitingForItsEnd() {
        source.serveSlowly("/slow-big", "x".repeat(100), Duration.ofMillis(20));
        ConnectorPolicy tenBytes = ConnectorPolicy.https(List.of(source.host()), List.of("GET"), 10)
                .withTrustPem(source.trustPem());
        long start = System.nanoTime();
        assertFails(
                        () -> io(tenBytes).call("https", request("{\"url\": \"" + source.url("/slow-big") + "\"}")),
                        Reason.ACCESS_DENIED)
                .hasMessageContaining("exceeds the policy's 10 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aNameResolvingToAnInternalAddressIsDenied() {
        ConnectorPolicy byName = ConnectorPolicy.https(List.of("localhost:" + source.port()), List.of("GET"), 4096)
                .withTrustPem(source.trustPem());
        String url = "https://localhost:" + source.port() + "/price";
        assertFails(() -> io(byName).call("https", request("{\"url\": \"" + url + "\"}")), Reason.ACCESS_DENIED)
                .hasMessageStartingWith("host localhost resolves to the internal address ");
    }

    @Test
    void aServerTheWorkerDoesNotTrustFailsTheFetch() {
        ConnectorPolicy defaultTrust = ConnectorPolicy.https(List.of(source.host()), List.of("GET"), 4096);
        assertFails(
                        () -> io(defaultTrust).call("https", request("{\"url\": \"" + source.url("/price") + "\"}")),
                        Reason.FAILED)
                .hasMessageStartingWith("https fetch of " + source.url("/price") + " failed");
    }

    @Test
    void anUngrantedConnectorIsDenied() {
        assertFails(() -> io(allowSource()).call("kv", request("{}")), Reason.ACCESS_DENIED)
                .hasMessage("connector kv is not granted to oracle");
    }

    @Test
    void aHeaderTheClientReservesIsInvalidInput() {
        String request = "{\"url\": \"" + source.url("/price") + "\", \"headers\": {\"Host\": \"elsewhere.example\"}}";
        assertFails(() -> io(allowSource()).call("https", request(request)), Reason.INVALID_INPUT)
                .hasMessageStartingWith("https connector request header refused");
    }

    @Test
    void aMalformedRequestIsInvalidInput() {
        assertFails(() -> io(allowSource()).call("https", request("not json")), Reason.INVALID_INPUT);
    }
}
