package io.camelot.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Server trust that checks the chain against the trusted certificates and requires the server's
 * certificate to name one fixed DNS name instead of the host connected to ({@link
 * ClientTls#applyNamingTo}). Being an {@link X509ExtendedTrustManager}, it replaces the JDK's
 * endpoint identification rather than being wrapped by it. Clients only: it checks no client.
 */
final class NamedServerTrust {
    private static final int DNS_NAME = 2;

    private NamedServerTrust() {}

    static X509ExtendedTrustManager of(X509TrustManager chains, String serverName) {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                chains.checkServerTrusted(chain, authType);
                if (!names(chain[0]).contains(serverName)) {
                    throw new CertificateException("the server's certificate does not name " + serverName);
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                checkServerTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                checkServerTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("a client's trust checks no clients");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                checkClientTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                checkClientTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return chains.getAcceptedIssuers();
            }
        };
    }

    private static List<String> names(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives == null) {
            return List.of();
        }
        return alternatives.stream()
                .filter(name -> name.get(0) instanceof Integer type && type == DNS_NAME)
                .map(name -> (String) name.get(1))
                .toList();
    }
}
