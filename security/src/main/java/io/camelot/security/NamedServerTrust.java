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
 * ClientTls#sslContextNaming}). Being an {@link X509ExtendedTrustManager}, it replaces the JDK's
 * endpoint identification rather than being wrapped by it. Clients only: it trusts no client.
 */
final class NamedServerTrust extends X509ExtendedTrustManager {
    private static final int DNS_NAME = 2;

    private final X509TrustManager chains;
    private final String serverName;

    NamedServerTrust(X509TrustManager chains, String serverName) {
        this.chains = chains;
        this.serverName = serverName;
    }

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

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client-side trust manager checks no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chains.getAcceptedIssuers();
    }
}
