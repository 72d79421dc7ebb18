package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.jsonrpc.Caller;
import io.camelot.jsonrpc.JsonRpcDispatcher;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.security.ClientTls;
import io.camelot.security.DevCertificates;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import io.camelot.security.RequestSigner;
import io.camelot.security.ServerTls;
import io.vertx.core.http.HttpClientOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operator authentication, rate limits, work order size limits and TLS on a whole listener. The
 * requester-facing methods stay open to unauthenticated plain-HTTP callers throughout.
 */
class ListenerSecurityTest extends TcsTest {
    private final KeyPair operator = RequestSigner.newKeyPair();

    private TestTcs start(ListenerSecurity security, boolean operatorMethods) {
        tcs = TestTcs.start(directory, TestTcs.config(false, operatorMethods).withSecurity(security), 100, true);
        return tcs;
    }

    private static byte[] body(String method, Object params) {
        return ProtocolJson.toBytes(JsonRpcRequest.of(method, 7, ProtocolJson.toTree(params)));
    }

    private JsonNode post(byte[] body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(tcs.uri("/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = tcs.send(request.build());
        assertThat(response.statusCode()).isEqualTo(200);
        return ProtocolJson.parse(response.body());
    }

    @Test
    void operatorMethodsNeedARequestSignedByAnAuthorisedKeyAndEachSignatureWorksOnce() {
        RequestAuthenticator auth =
                new RequestAuthenticator(List.of(operator.getPublic()), Clock.systemUTC(), Duration.ofMinutes(5));
        start(ListenerSecurity.defaults().withOperatorAuth(auth), true);
        RequestSigner signer = new RequestSigner(operator.getPrivate(), operator.getPublic(), Clock.systemUTC());
        byte[] setStatus = body("WorkerSetStatus", Map.of("workerId", tcs.workerId(), "status", 2));

        assertError(
                post(setStatus, null),
                3,
                "WorkerSetStatus refused: a signed request is required (Authorization: Camelot-Signature ...)");
        KeyPair stranger = RequestSigner.newKeyPair();
        String strangers = new RequestSigner(stranger.getPrivate(), stranger.getPublic(), Clock.systemUTC())
                .authorization("tcs.test:1947", setStatus);
        assertThat(post(setStatus, strangers).path("error").path("message").asText())
                .endsWith("is not authorised");

        String signed = signer.authorization("tcs.test:1947", setStatus);
        assertError(post(setStatus, signed), 0, "Successfully Set Status");
        assertError(post(setStatus, signed), 3, "WorkerSetStatus refused: replayed request (nonce already used)");
        // A valid signature for one body does not authorise another.
        byte[] otherStatus = body("WorkerSetStatus", Map.of("workerId", tcs.workerId(), "status", 3));
        assertError(
                post(otherStatus, signer.authorization("tcs.test:1947", setStatus)),
                3,
                "WorkerSetStatus refused: invalid request signature");

        // Requester methods need nothing.
        assertThat(TestTcs.firstLookedUpId(tcs.call("WorkerLookUp", Map.of()))).isEqualTo(tcs.workerId());
    }

    @Test
    void withoutOperatorKeysOperatorMethodsAnswerLoopbackCallersOnly() {
        start(ListenerSecurity.defaults(), true);
        JsonRpcDispatcher dispatcher = DirectModel.dispatcher(tcs.store, tcs.queue, TestTcs.config(false, true));
        byte[] setStatus = body("WorkerSetStatus", Map.of("workerId", tcs.workerId(), "status", 1));
        JsonNode remote = ProtocolJson.parse(dispatcher.handle(setStatus, new Caller("192.0.2.7", false, null)));
        assertError(
                remote,
                3,
                "WorkerSetStatus refused: no operator keys are configured, so operator methods answer local callers only");
        assertError(post(setStatus, null), 0, "Successfully Set Status");
    }

    @Test
    void callsBeyondTheRateLimitGetBusyPerAddressAndPerRequester() {
        start(
                ListenerSecurity.defaults()
                        .withRateLimits(new RateLimiter.Limit(0.001, 3), new RateLimiter.Limit(0.001, 2)),
                false);
        for (int i = 0; i < 3; i++) {
            assertThat(tcs.call("WorkerLookUp", Map.of()).has("result")).isTrue();
        }
        assertError(tcs.call("WorkerLookUp", Map.of()), 8, "Too many requests; retry later");

        // Per requester, whatever address it comes from.
        JsonRpcDispatcher dispatcher = DirectModel.dispatcher(
                tcs.store,
                tcs.queue,
                TestTcs.config(false, false)
                        .withSecurity(ListenerSecurity.defaults()
                                .withRateLimits(RateLimiter.Limit.UNLIMITED, new RateLimiter.Limit(0.001, 2))));
        byte[] submit = ProtocolJson.toBytes(JsonRpcRequest.of(
                "WorkOrderSubmit", 1, ProtocolJson.toTree(tcs.sealEcho("x").request())));
        String requester =
                ProtocolJson.parse(submit).path("params").path("requesterId").asText();
        for (int i = 0; i < 2; i++) {
            JsonNode answer = ProtocolJson.parse(dispatcher.handle(submit, new Caller("198.51.100." + i, false, null)));
            assertThat(answer.path("error").path("code").asInt()).isIn(5, 2);
        }
        JsonNode limited = ProtocolJson.parse(dispatcher.handle(submit, new Caller("198.51.100.9", false, null)));
        assertError(limited, 8, "Too many requests; retry later");
        assertThat(requester).isNotEmpty();
    }

    @Test
    void workOrdersWithTooManyOrTooLargeItemsAreRefusedWithTheirId() {
        start(ListenerSecurity.defaults().withItemLimits(2, 64), false);
        ObjectNode params = (ObjectNode) ProtocolJson.toTree(tcs.sealEcho("x").request());
        String id = params.path("workOrderId").asText();
        var inData = params.withArray("inData");
        inData.add(((ObjectNode) inData.get(0).deepCopy()).put("index", 1));
        inData.add(((ObjectNode) inData.get(0).deepCopy()).put("index", 2));
        JsonNode many = tcs.submit(params);
        assertError(many, 2, "Too many inData items: 3, at most 2 allowed");
        assertThat(many.path("error").path("data").path("workOrderId").asText()).isEqualTo(id);

        ObjectNode big =
                (ObjectNode) ProtocolJson.toTree(tcs.sealEcho("y".repeat(100)).request());
        assertError(tcs.submit(big), 2, "inData[0].data is too long: at most 64 characters allowed");
    }

    @Test
    void aTlsListenerServesHttpsToClientsThatTrustItsCertificate() {
        ServerTls tls = DevCertificates.ensureSelfSigned(directory.resolve("tls"), List.of());
        start(ListenerSecurity.defaults().withTls(tls), false);
        assertThat(tcs.server.scheme()).isEqualTo("https");
        String url = "https://localhost:" + tcs.server.port();
        HttpClientOptions trusting = ClientTls.trusting(tls.certificate()).applyTo(new HttpClientOptions());
        try (DirectTcsClient client =
                DirectTcsClient.builder(url).httpOptions(trusting).build()) {
            assertThat(client.workerLookUp(new WorkerLookUpParams(null, null, null, null, null))
                            .ids())
                    .containsExactly(tcs.workerId());
        }
        // Plain HTTP to the TLS port gets no JSON-RPC answer.
        assertThatThrownBy(() -> tcs.post("/", body("WorkerLookUp", Map.of()))).isInstanceOf(RuntimeException.class);
        // Neither does a client that does not trust the certificate.
        try (DirectTcsClient untrusting = DirectTcsClient.builder(url)
                .httpOptions(new HttpClientOptions().setSsl(true))
                .build()) {
            assertThatThrownBy(() -> untrusting.workerLookUp(new WorkerLookUpParams(null, null, null, null, null)))
                    .hasMessageContaining("WorkerLookUp");
        }
    }
}
