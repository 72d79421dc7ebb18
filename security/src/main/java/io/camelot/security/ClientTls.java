package io.camelot.security;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for a Vert.x HTTP client of a {@link ServerTls} endpoint.
 *
 * @param trustedCertificates PEM certificates to trust: the server's CA, or for a development
 *     certificate the certificate itself
 * @param certificate the client's own chain for mutual TLS, or null
 * @param privateKey its key, or null
 */
public record ClientTls(Path trustedCertificates, Path certificate, Path privateKey) {

    public ClientTls {
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    /** Trusts {@code trustedCertificates}, with no client certificate. */
    public static ClientTls trusting(Path trustedCertificates) {
        return new ClientTls(trustedCertificates, null, null);
    }

    /** Trust in exactly {@code trustedCertificates}, checking chains only. */
    private X509TrustManager chainTrust() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            List<Certificate> trusted = readCertificates(trustedCertificates);
            for (int i = 0; i < trusted.size(); i++) {
                trust.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            return (X509TrustManager) trustManagers.getTrustManagers()[0];
        } catch (IOException | GeneralSecurityException e) {
            throw cannotSetUp(e);
        }
    }

    private IllegalArgumentException cannotSetUp(Exception e) {
        return new IllegalArgumentException(
                "cannot set up TLS trusting " + trustedCertificates + ": " + e.getMessage(), e);
    }

    private static List<Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certificates =
                    List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no PEM certificate");
            }
            return certificates;
        }
    }

    /**
     * Turns TLS on in {@code options} with hostname verification; returns them. Reads the files now,
     * so a missing or unreadable one is reported when the client is configured, not at its first call.
     */
    public HttpClientOptions applyTo(HttpClientOptions options) {
        chainTrust();
        if (certificate != null) {
            try {
                readCertificates(certificate);
                PemFiles.readPrivateKey(privateKey);
            } catch (IOException | GeneralSecurityException e) {
                throw cannotSetUp(e);
            }
        }
        options.setSsl(true)
                .setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(trustedCertificates.toString()));
        if (certificate != null) {
            options.setKeyCertOptions(
                    new PemKeyCertOptions().setCertPath(certificate.toString()).setKeyPath(privateKey.toString()));
        }
        return options;
    }

    /**
     * Like {@link #applyTo}, but a server is accepted when its certificate chains to {@code
     * trustedCertificates} and names {@code serverName} (a DNS subject alternative name), whatever
     * host the client connected to: for peers reached at addresses no certificate can list in
     * advance (a pool's WP pods, registered under their pod IPs), whose address the caller checks
     * some other way. Reads the trusted certificates now.
     */
    public HttpClientOptions applyNamingTo(HttpClientOptions options, String serverName) {
        return applyTo(options)
                .setVerifyHost(false)
                .setTrustOptions(TrustOptions.wrap(
                        NamedServerTrust.of(chainTrust(), Objects.requireNonNull(serverName, "serverName"))));
    }
}
