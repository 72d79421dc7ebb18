package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.security.ClientTls;
import io.camelot.security.DevCertificates;
import io.camelot.security.PemFiles;
import io.camelot.security.RequestSigner;
import io.camelot.server.config.SecuritySection;
import io.camelot.worker.WorkerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node configured through {@code [security]}: development TLS, operator keys. Requesters use the
 * SDK over HTTPS unchanged; operator calls need a signature from a listed key.
 */
class SecureServeTest {
    @TempDir
    Path dataDir;

    @Test
    void tlsDevAndOperatorKeysFromTheConfiguration() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair operator = generator.generateKeyPair();
        Path operatorKeys = dataDir.resolveSibling(dataDir.getFileName() + "-operators.pem");
        PemFiles.write(operatorKeys, PemFiles.toPem(operator.getPublic()));

        CamelotConfig config = TestConfigs.loopback(dataDir)
                .operatorMethods()
                .security(SecuritySection.defaults()
                        .withTls(SecuritySection.TlsMode.DEV)
                        .withOperators(operatorKeys.toString(), List.of("tcs.test:1947")))
                .build();
        try (TcsNode node = TcsNode.start(config)) {
            String url = node.url("localhost");
            assertThat(url).startsWith("https://");
            Path certificate = dataDir.resolve("tls").resolve(DevCertificates.CERTIFICATE_FILE);
            HttpClientOptions tls = ClientTls.trusting(certificate).applyTo(new HttpClientOptions());

            try (DirectTcsClient client =
                    DirectTcsClient.builder(url).httpOptions(tls).build()) {
                Requester requester = Requester.builder(client)
                        .requesterKey(Secp256k1.generate())
                        .allowSimulation()
                        .build();
                assertThat(requester.findWorkers(new WorkerLookUpParams(null, null, null, null, null)))
                        .contains(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME));
                VerifiedWorker worker = requester.worker(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME));
                assertThat(WorkOrders.run(requester, worker, "echo-result", "over tls")
                                .text(0))
                        .isEqualTo("RESULT: over tls");
            }

            byte[] setStatus = ProtocolJson.toBytes(JsonRpcRequest.of(
                    "WorkerSetStatus",
                    1,
                    ProtocolJson.toTree(
                            Map.of("workerId", WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME), "status", 1))));
            Vertx vertx = Vertx.vertx();
            try {
                HttpClient http = vertx.createHttpClient(tls);
                JsonNode unsigned = post(http, node.port(), setStatus, null);
                assertThat(unsigned.path("error").path("code").asInt()).isEqualTo(3);
                RequestSigner signer =
                        new RequestSigner(operator.getPrivate(), operator.getPublic(), Clock.systemUTC());
                JsonNode forAnother =
                        post(http, node.port(), setStatus, signer.authorization("tcs-b.test:1947", setStatus));
                assertThat(forAnother.path("error").path("message").asText())
                        .isEqualTo("WorkerSetStatus refused: request is for tcs-b.test:1947, not this listener");
                String signature = signer.authorization("tcs.test:1947", setStatus);
                JsonNode signed = post(http, node.port(), setStatus, signature);
                assertThat(signed.path("error").path("code").asInt())
                        .as(signed.toString())
                        .isEqualTo(0);
            } finally {
                vertx.close().await();
            }
        }
    }

    private static JsonNode post(HttpClient http, int port, byte[] body, String authorization) throws Exception {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("localhost")
                .setPort(port)
                .setURI("/")
                .putHeader("Content-Type", "application/json");
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        Buffer reply = http.request(options)
                .compose(request -> request.send(Buffer.buffer(body)).compose(response -> response.body()))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        return ProtocolJson.parse(reply.getBytes());
    }
}
