package io.camelot.security;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.Objects;

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

  /** Turns TLS on in {@code options} with hostname verification; returns them. */
  public HttpClientOptions applyTo(HttpClientOptions options) {
    options
        .setSsl(true)
        .setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(trustedCertificates.toString()));
    if (certificate != null) {
      options.setKeyCertOptions(
          new PemKeyCertOptions().setCertPath(certificate.toString()).setKeyPath(privateKey.toString()));
    }
    return options;
  }
}
