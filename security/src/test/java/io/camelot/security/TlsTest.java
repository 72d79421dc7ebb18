package io.camelot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    @TempDir
    Path dir;

    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    int serve(ServerTls tls) {
        HttpServer server = vertx.createHttpServer(
                        tls.applyTo(new HttpServerOptions().setHost("127.0.0.1").setPort(0)))
                .requestHandler(request -> request.response().end("secure"));
        return server.listen().await().actualPort();
    }

    String get(HttpClientOptions options, int port) throws Exception {
        HttpClient client = vertx.createHttpClient(options.setConnectTimeout(10_000));
        try {
            return client.request(new RequestOptions()
                            .setMethod(HttpMethod.GET)
                            .setHost("localhost")
                            .setPort(port)
                            .setURI("/"))
                    .compose(request -> request.send().compose(response -> response.body()))
                    .map(Buffer::toString)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } finally {
            client.close().await();
        }
    }

    @Test
    void aGeneratedDevelopmentCertificateServesTlsToClientsThatTrustIt() throws Exception {
        ServerTls tls = DevCertificates.ensureSelfSigned(dir.resolve("tls"), List.of());
        int port = serve(tls);
        assertThat(get(ClientTls.trusting(tls.certificate()).applyTo(new HttpClientOptions()), port))
                .isEqualTo("secure");
        // A client that does not trust it, and a plain-HTTP client, get nothing.
        DevCertificates.selfSigned("other", List.of("localhost")).write(dir.resolve("o.pem"), dir.resolve("o.key"));
        assertThatThrownBy(() -> get(ClientTls.trusting(dir.resolve("o.pem")).applyTo(new HttpClientOptions()), port))
                .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        assertThatThrownBy(() -> get(new HttpClientOptions(), port)).isInstanceOf(ExecutionException.class);
        // Reused, not regenerated, on the next start.
        assertThat(DevCertificates.ensureSelfSigned(dir.resolve("tls"), List.of()))
                .isEqualTo(tls);
        assertThat(PemFiles.readPublicKeys(tls.certificate())).hasSize(1);
    }

    @Test
    void mutualTlsAdmitsOnlyClientsWithACertificateFromTheConfiguredCa() throws Exception {
        int port = serveMutualTls();
        ClientTls member = member();
        DevCertificates.Issued rogueCa = DevCertificates.certificateAuthority("rogue");
        DevCertificates.client(rogueCa, "wp-x").write(dir.resolve("rogue.pem"), dir.resolve("rogue.key"));
        assertThat(get(member.applyTo(new HttpClientOptions()), port)).isEqualTo("secure");
        assertThatThrownBy(() -> get(ClientTls.trusting(dir.resolve("ca.pem")).applyTo(new HttpClientOptions()), port))
                .as("no client certificate")
                .isInstanceOf(ExecutionException.class);
        ClientTls rogue = new ClientTls(dir.resolve("ca.pem"), dir.resolve("rogue.pem"), dir.resolve("rogue.key"));
        assertThatThrownBy(() -> get(rogue.applyTo(new HttpClientOptions()), port))
                .as("another CA's client")
                .isInstanceOf(ExecutionException.class);
    }

    /**
     * Issues a test pool CA (ca.pem), the server's certificate (server.pem) and one client's
     * (client.pem), and serves with mutual TLS under them; returns the port.
     */
    private int serveMutualTls() throws Exception {
        DevCertificates.Issued ca = DevCertificates.certificateAuthority("test pool CA");
        PemFiles.write(dir.resolve("ca.pem"), PemFiles.toPem(ca.certificate()));
        DevCertificates.server(ca, "wkm", List.of("localhost"))
                .write(dir.resolve("server.pem"), dir.resolve("server.key"));
        DevCertificates.client(ca, "wp-1").write(dir.resolve("client.pem"), dir.resolve("client.key"));
        return serve(new ServerTls(dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("ca.pem")));
    }

    /** The client holding the certificate {@link #serveMutualTls} issued. */
    private ClientTls member() {
        return new ClientTls(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.key"));
    }

    @Test
    void missingFilesAreReportedByName() {
        assertThatThrownBy(() -> new ServerTls(dir.resolve("nope.pem"), dir.resolve("nope.key"), null))
                .hasMessageContaining("nope.pem");
        assertThatThrownBy(() -> ClientTls.trusting(dir.resolve("nope-ca.pem")).applyTo(new HttpClientOptions()))
                .hasMessageContaining("nope-ca.pem");
    }
}
