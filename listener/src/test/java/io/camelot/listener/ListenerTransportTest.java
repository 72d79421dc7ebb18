package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ListenerTransportTest extends TcsTest {
    @BeforeEach
    void start() {
        ListenerConfig config = new ListenerConfig("127.0.0.1", 0, 4096, false, Duration.ofSeconds(1), false);
        tcs = TestTcs.start(directory, config, 100, true);
    }

    @Test
    void answersOnAnyPathWithStatus200AndExactlyApplicationJson() {
        for (String path : new String[] {"/", "/avalon/listener", "/x?y=1"}) {
            HttpResponse<byte[]> response = tcs.post(
                    path,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":7,\"params\":{\"workerType\":1}}"
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
            assertThat(TestTcs.firstLookedUpId(ProtocolJson.parse(response.body())))
                    .isEqualTo(tcs.workerId());
        }
    }

    @Test
    void refusesGetWithCode2() {
        HttpResponse<byte[]> response =
                tcs.send(HttpRequest.newBuilder(tcs.uri("/")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        assertError(ProtocolJson.parse(response.body()), 2, "Only POST request is supported");
    }

    /**
     * Python's requests speaks HTTP/1.1; the JDK client upgrades to h2c. Either way the answer
     * arrives whole, and the same client's next request on that host is served.
     */
    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void refusesABodyOverTheLimitAndServesTheNextRequest(HttpClient.Version version) throws Exception {
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":1,\"params\":{\"organizationId\":\""
                        + "a".repeat(10_000)
                        + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newBuilder().version(version).build()) {
            for (int round = 0; round < 20; round++) {
                HttpResponse<byte[]> refused = client.send(jsonPost(body), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(refused.statusCode()).isEqualTo(200);
                assertError(ProtocolJson.parse(refused.body()), 2, "Request body exceeds 4096 bytes");
                if (refused.version() == HttpClient.Version.HTTP_1_1) {
                    assertThat(refused.headers().firstValue("Connection")).hasValue("close");
                }
                HttpResponse<byte[]> next = client.send(
                        jsonPost("{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":2,\"params\":{}}"
                                .getBytes(StandardCharsets.UTF_8)),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(ProtocolJson.parse(next.body())
                                .path("result")
                                .path("totalCount")
                                .asInt())
                        .isEqualTo(1);
            }
        }
    }

    private HttpRequest jsonPost(byte[] body) {
        return HttpRequest.newBuilder(tcs.uri("/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    @Test
    void malformedJsonGetsTheParserReason() {
        JsonNode response = tcs.postJson("{\"jsonrpc\": ");
        assertThat(response.path("error").path("code").asInt()).isEqualTo(2);
        assertThat(response.path("error").path("message").asText()).startsWith("Malformed JSON: ");
        assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
    }

    @Test
    void echoesStringAndIntegerIds() {
        JsonNode text =
                tcs.postJson("{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":\"abc-1\",\"params\":{}}");
        assertThat(text.path("id").isTextual()).isTrue();
        assertThat(text.path("id").asText()).isEqualTo("abc-1");
        JsonNode number = tcs.postJson("{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":9876,\"params\":{}}");
        assertThat(number.path("id").isIntegralNumber()).isTrue();
        assertThat(number.path("id").asLong()).isEqualTo(9876);
    }

    @Test
    void emptyParamsMatchEveryWorker() {
        JsonNode response = tcs.postJson("{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":1,\"params\":{}}");
        assertThat(response.path("result").path("totalCount").asInt()).isEqualTo(1);
    }

    @Test
    void checksTheEnvelopeAndEchoesTheIdWhenReadable() {
        Map<String, String> cases = Map.of(
                "[1,2]", "Invalid data format for request: expected a JSON object",
                "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"params\":{}}", "Invalid data format for id",
                "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":1.5,\"params\":{}}",
                        "Invalid data format for id",
                "{\"jsonrpc\":\"1.0\",\"method\":\"WorkerLookUp\",\"id\":3,\"params\":{}}",
                        "Invalid data format for jsonrpc",
                "{\"jsonrpc\":\"2.0\",\"method\":7,\"id\":3,\"params\":{}}", "Invalid data format for method",
                "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":3}", "Invalid data format for params",
                "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":3,\"params\":[]}",
                        "Invalid data format for params",
                "{\"jsonrpc\":\"2.0\",\"method\":\"NoSuchMethod\",\"id\":3,\"params\":{}}",
                        "Invalid data format for method or method not supported");
        cases.forEach((request, message) -> {
            JsonNode response = tcs.postJson(request);
            assertError(response, 2, message);
            assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
            if (request.contains("\"id\":3")) {
                assertThat(response.path("id").asInt()).as(request).isEqualTo(3);
            } else {
                assertThat(response.path("id").isNull()).as(request).isTrue();
            }
        });
    }

    @Test
    void invalidParamsAreCode2NamingTheField() {
        JsonNode response = tcs.postJson(
                "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerRetrieve\",\"id\":4,\"params\":{\"workerId\":\"xyz\"}}");
        assertError(response, 2, "Invalid data format for workerId");
        JsonNode extra = tcs.postJson(
                "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerRetrieve\",\"id\":4,\"params\":{\"workerId\":\"ab\",\"foo\":1}}");
        assertError(extra, 2, "Additional properties are not allowed ('foo' was unexpected)");
    }
}
