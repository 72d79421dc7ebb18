package io.camelot.security;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS for a Vert.x HTTP server (a listener, a pool's internal API): its certificate chain and key
 * as PEM files and, for mutual TLS, the CA certificates whose clients it admits.
 *
 * @param certificate PEM certificate chain, leaf first
 * @param privateKey PEM private key of the leaf (PKCS#8 or traditional)
 * @param clientCa null: clients are not asked for a certificate; otherwise every client must
 *     present one issued by a certificate in this PEM file (mutual TLS)
 */
public record ServerTls(Path certificate, Path privateKey, Path clientCa) {

    public ServerTls {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        for (Path file : clientCa == null
                ? new Path[] {certificate, privateKey}
                : new Path[] {certificate, privateKey, clientCa}) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("TLS file " + file + " is missing or unreadable");
            }
        }
    }

    public boolean mutual() {
        return clientCa != null;
    }

    /** Turns TLS on in {@code options} (and client authentication for mutual TLS); returns them. */
    public HttpServerOptions applyTo(HttpServerOptions options) {
        options.setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(certificate.toString())
                        .setKeyPath(privateKey.toString()));
        if (clientCa != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(clientCa.toString()));
            options.setClientAuth(ClientAuth.REQUIRED);
        }
        return options;
    }
}
