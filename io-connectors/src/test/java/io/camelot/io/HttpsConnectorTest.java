package io.camelot.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelot.workload.ExternalIo;
import io.camelot.workload.WorkloadException;
import io.camelot.workload.WorkloadException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
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
        assertThatThrownBy(() -> io(otherHost).call("https", request("{\"url\": \"" + source.url("/price") + "\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessage("host 127.0.0.1:" + source.port() + " is not allowed for oracle")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void aMethodOutsideThePolicyIsDenied() {
        assertThatThrownBy(() -> io(allowSource())
                        .call("https", request("{\"method\": \"POST\", \"url\": \"" + source.url("/price") + "\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessage("method POST is not allowed for oracle on https")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void plainHttpIsDenied() {
        assertThatThrownBy(() ->
                        io(allowSource()).call("https", request("{\"url\": \"http://" + source.host() + "/price\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void aResponseLargerThanThePolicyIsDenied() {
        source.serve("/big", "x".repeat(5000));
        assertThatThrownBy(() -> io(allowSource()).call("https", request("{\"url\": \"" + source.url("/big") + "\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessageContaining("exceeds the policy's 4096 bytes")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void aBodyTrickledPastTheDeadlineFailsTheFetchAtTheDeadline() {
        source.serveSlowly("/slow", "x".repeat(100), Duration.ofMillis(100));
        ExternalIo io = new Connectors(
                        List.of(new HttpsConnector(CLOCK, Duration.ofSeconds(1))),
                        List.of(new Connectors.Grant("oracle", HttpsConnector.NAME, allowSource())))
                .forWorkOrder("oracle", new MapConnectorState());
        long start = System.nanoTime();
        assertThatThrownBy(() -> io.call("https", request("{\"url\": \"" + source.url("/slow") + "\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessage("https fetch of " + source.url("/slow") + " did not finish within 1000 ms")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.FAILED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aTrickledBodyLargerThanThePolicyIsDeniedWithoutWaitingForItsEnd() {
        source.serveSlowly("/slow-big", "x".repeat(100), Duration.ofMillis(20));
        ConnectorPolicy tenBytes = ConnectorPolicy.https(List.of(source.host()), List.of("GET"), 10)
                .withTrustPem(source.trustPem());
        long start = System.nanoTime();
        assertThatThrownBy(() -> io(tenBytes).call("https", request("{\"url\": \"" + source.url("/slow-big") + "\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessageContaining("exceeds the policy's 10 bytes")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.ACCESS_DENIED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aNameResolvingToAnInternalAddressIsDenied() {
        ConnectorPolicy byName = ConnectorPolicy.https(List.of("localhost:" + source.port()), List.of("GET"), 4096)
                .withTrustPem(source.trustPem());
        String url = "https://localhost:" + source.port() + "/price";
        assertThatThrownBy(() -> io(byName).call("https", request("{\"url\": \"" + url + "\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessageStartingWith("host localhost resolves to the internal address ")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void aServerTheWorkerDoesNotTrustFailsTheFetch() {
        ConnectorPolicy defaultTrust = ConnectorPolicy.https(List.of(source.host()), List.of("GET"), 4096);
        assertThatThrownBy(() -> io(defaultTrust).call("https", request("{\"url\": \"" + source.url("/price") + "\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessageStartingWith("https fetch of " + source.url("/price") + " failed")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.FAILED);
    }

    @Test
    void anUngrantedConnectorIsDenied() {
        assertThatThrownBy(() -> io(allowSource()).call("kv", request("{}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessage("connector kv is not granted to oracle")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void aHeaderTheClientReservesIsInvalidInput() {
        String request = "{\"url\": \"" + source.url("/price") + "\", \"headers\": {\"Host\": \"elsewhere.example\"}}";
        assertThatThrownBy(() -> io(allowSource()).call("https", request(request)))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessageStartingWith("https connector request header refused")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.INVALID_INPUT);
    }

    @Test
    void aMalformedRequestIsInvalidInput() {
        assertThatThrownBy(() -> io(allowSource()).call("https", request("not json")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.INVALID_INPUT);
    }
}
