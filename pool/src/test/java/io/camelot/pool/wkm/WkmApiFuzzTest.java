package io.camelot.pool.wkm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPeers;
import io.camelot.pool.PoolRole;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.security.RequestSigner;
import io.camelot.security.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jazzer target for the pool-internal API behind its authentication (issue 18): the Worker Manager sends
 * a WKM validly signed calls whose method and params the fuzzer chooses. The properties: every call
 * gets a JSON-RPC answer that is never -32603, and the methods that hand out or take in keys, or
 * sign with the pool key (GetWorkerPrivateKeys, SetWorkerPrivateKeys, PreprocessWorkorder,
 * PostprocessWorkorder, SignReceiptUpdate), never succeed, since nothing the fuzzer makes carries
 * attestation evidence that verifies or a result the pool signed, so no admission handle or
 * preprocessed request hash exists for it to name. Key rotation is left out: each call would
 * generate an RSA key.
 */
class WkmApiFuzzTest {
    private static final List<String> METHODS = List.of(
            PoolApi.GET_RANDOM_ID,
            PoolApi.GET_WORKER_PRIVATE_KEYS,
            PoolApi.SET_WORKER_PRIVATE_KEYS,
            PoolApi.PREPROCESS_WORKORDER,
            PoolApi.POSTPROCESS_WORKORDER,
            PoolApi.SIGN_RECEIPT_UPDATE,
            PoolApi.WORKER_INFO,
            PoolApi.CREATE_KEY_REQUEST,
            PoolApi.REDIRECT,
            "NoSuchMethod");
    private static final Set<String> KEY_CUSTODY = Set.of(
            PoolApi.GET_WORKER_PRIVATE_KEYS,
            PoolApi.SET_WORKER_PRIVATE_KEYS,
            PoolApi.PREPROCESS_WORKORDER,
            PoolApi.POSTPROCESS_WORKORDER,
            PoolApi.SIGN_RECEIPT_UPDATE);

    @TempDir
    static Path dir;

    static WkmServer wkm;
    static RequestSigner peer;
    static HttpClient http;

    @BeforeAll
    static void start() {
        KeyPair own = RequestSigner.newKeyPair();
        KeyPair caller = RequestSigner.newKeyPair();
        KeyManager keys =
                KeyManagerTest.keyManager(dir, Clock.systemUTC(), "fuzz", KeyManagerTest.policy(0, 0, false, ""), true);
        wkm = WkmServer.start(
                keys,
                "127.0.0.1",
                0,
                new PeerSecurity(
                        own,
                        PoolPeers.of(Map.of(own.getPublic(), PoolRole.WKM, caller.getPublic(), PoolRole.MANAGER)),
                        null,
                        null,
                        Clock.systemUTC()));
        peer = new RequestSigner(caller, Clock.systemUTC());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        wkm.close();
    }

    @FuzzTest(maxDuration = "60s")
    void signedCallsGetTheirAnswersAndNoKeyLeavesWithoutEvidence(FuzzedDataProvider data)
            throws IOException, InterruptedException {
        String method = METHODS.get(data.consumeInt(0, METHODS.size() - 1));
        String params = data.consumeRemainingAsString();
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}")
                .getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(wkm.url());
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .header(SignedRequests.HEADER, peer.authorization(SignedRequests.audience(uri), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = ProtocolJson.parse(response.body());
        assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
        if (answer.has("error")) {
            assertThat(answer.path("error").path("code").asInt())
                    .as("unexpected exception for %s", answer)
                    .isNotEqualTo(ErrorCode.INTERNAL_ERROR.code());
        } else {
            assertThat(KEY_CUSTODY)
                    .as("%s succeeded with params %s", method, params)
                    .doesNotContain(method);
        }
    }
}
