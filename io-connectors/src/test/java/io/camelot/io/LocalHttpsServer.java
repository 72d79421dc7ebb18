package io.camelot.io;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A loopback HTTPS server for tests, with a fresh self-signed certificate for 127.0.0.1 made with
 * BouncyCastle. Serves fixed bodies by path; {@link #trustPem()} is the certificate to trust.
 */
public final class LocalHttpsServer implements AutoCloseable {
    private final HttpsServer server;
    private final X509Certificate certificate;
    private final Path trustPem;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Duration> byteDelays = new ConcurrentHashMap<>();
    private final ExecutorService handlers =
            Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());

    public LocalHttpsServer(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=camelot test oracle source");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)),
                    name,
                    keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
            }));
            certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test".toCharArray();
            store.setKeyEntry("server", keys.getPrivate(), password, new Certificate[] {certificate});
            KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            km.init(store, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(km.getKeyManagers(), null, null);

            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", exchange -> {
                byte[] body = bodies.get(exchange.getRequestURI().getPath());
                exchange.getRequestBody().readAllBytes();
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    Duration delay = byteDelays.get(exchange.getRequestURI().getPath());
                    if (delay == null) {
                        exchange.getResponseBody().write(body);
                    } else {
                        trickle(exchange.getResponseBody(), body, delay);
                    }
                }
                exchange.close();
            });
            server.setExecutor(handlers);
            server.start();
            trustPem = directory.resolve("oracle-source.pem");
            Files.writeString(
                    trustPem,
                    "-----BEGIN CERTIFICATE-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(certificate.getEncoded())
                            + "\n-----END CERTIFICATE-----\n");
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalHttpsServer serve(String path, String body) {
        bodies.put(path, body.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Serves {@code body} after the headers one byte at a time, {@code delay} apart. */
    public LocalHttpsServer serveSlowly(String path, String body, Duration delay) {
        byteDelays.put(path, delay);
        return serve(path, body);
    }

    private static void trickle(OutputStream out, byte[] body, Duration delay) throws IOException {
        out.flush();
        for (byte b : body) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write(b);
            out.flush();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "https://127.0.0.1:" + port() + path;
    }

    /** The allowed-host entry for this server. */
    public String host() {
        return "127.0.0.1:" + port();
    }

    public Path trustPem() {
        return trustPem;
    }

    public String certificateSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
