package io.camelot.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.camelot.workload.WorkloadException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code https}: one HTTPS request to an allowed host, answered with the status, the body, when it
 * was fetched and the SHA-256 of the server's leaf certificate, so a workload can attest where a
 * value came from. Plain HTTP, redirects and hosts outside the policy are refused.
 *
 * <p>Request: {@code {"method": "GET", "url": "https://host/path", "headers": {..}, "body":
 * "<base64>"}} (method, headers and body optional). Response: {@code {"status": 200, "body":
 * "<base64>", "contentType": "..", "fetchedAt": "<ISO-8601 UTC>", "certificateSha256": "<hex>"}}.
 */
public final class HttpsConnector implements Connector {
    public static final String NAME = "https";

    /** The default deadline for one whole fetch: connect, TLS, headers and body. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    record Request(String method, String url, Map<String, String> headers, byte[] body) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Response(int status, byte[] body, String contentType, String fetchedAt, String certificateSha256) {}

    private final Clock clock;
    private final Duration deadline;
    private final Map<Optional<Path>, HttpClient> clientsByTrust = new ConcurrentHashMap<>();

    public HttpsConnector(Clock clock) {
        this(clock, DEADLINE);
    }

    HttpsConnector(Clock clock, Duration deadline) {
        this.clock = clock;
        this.deadline = deadline;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Keeps no state: the work order's state is not touched. */
    @Override
    public byte[] call(String workload, ConnectorPolicy policy, ConnectorState state, byte[] requestBytes) {
        return call(workload, policy, requestBytes);
    }

    /** One fetch, outside any work order too (the Ethereum bridge fetches work-order requests). */
    public byte[] call(String workload, ConnectorPolicy policy, byte[] requestBytes) {
        Request request = Requests.read(NAME, requestBytes, Request.class);
        String method = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
        URI uri = allowedUri(workload, policy, request.url());
        if (!policy.methods().contains(method)) {
            throw Requests.denied("method " + method + " is not allowed for " + workload + " on " + NAME);
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > policy.maxBytes()) {
            throw Requests.denied(
                    "request body of " + body.length + " bytes exceeds the policy's " + policy.maxBytes());
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (request.headers() != null) {
            try {
                request.headers().forEach(http::header);
            } catch (IllegalArgumentException e) {
                // e.g. Host or Connection, which the client sets itself
                throw Requests.invalid("https connector request header refused: " + e.getMessage());
            }
        }
        checkResolvedAddresses(workload, policy, uri);
        // The request timeout ends when the headers arrive, so the whole exchange, body included,
        // runs under one deadline; a source that drips its body cannot hold the worker's thread.
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client(policy.trustPem()).sendAsync(http.build(), info -> new LimitedBody(policy.maxBytes()));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new WorkloadException(
                    "https fetch of " + uri + " did not finish within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof LimitedBody.TooLarge) {
                    throw Requests.denied(
                            "response from " + uri + " exceeds the policy's " + policy.maxBytes() + " bytes");
                }
            }
            throw new WorkloadException("https fetch of " + uri + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new WorkloadException("https fetch of " + uri + " was interrupted");
        }
        return Requests.write(new Response(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("content-type").orElse(null),
                clock.instant().toString(),
                leafFingerprint(response.sslSession())));
    }

    private static URI allowedUri(String workload, ConnectorPolicy policy, String url) {
        if (url == null) {
            throw Requests.invalid("https connector request has no url");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Requests.invalid("https connector url is malformed: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw Requests.denied("only https:// URLs with a host may be fetched, not " + url);
        }
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        if (!policy.allowsHost(uri.getHost(), port)) {
            throw Requests.denied("host " + uri.getHost() + ":" + port + " is not allowed for " + workload);
        }
        return uri;
    }

    /**
     * Refuses a host name that resolves to a loopback, link-local, site-local (private) or wildcard
     * address: an allowed name whose DNS is changed must not lead into the worker's own network. An
     * IP literal in {@code allowed_hosts} is the operator naming that address, so it is allowed. The
     * client resolves the name again, but the JVM's address cache answers it with the same result.
     */
    private static void checkResolvedAddresses(String workload, ConnectorPolicy policy, URI uri) {
        String host = uri.getHost();
        if (policy.allowsAddressLiteral(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new WorkloadException("https fetch of " + uri + " failed: unknown host " + host);
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()
                    || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress()
                    || address.isAnyLocalAddress()
                    || isUniqueLocal(address)) {
                throw Requests.denied("host "
                        + host
                        + " resolves to the internal address "
                        + address.getHostAddress()
                        + ", which "
                        + workload
                        + " may reach only if allowed_hosts names that address");
            }
        }
    }

    /** IPv6 fc00::/7, which {@link InetAddress#isSiteLocalAddress()} does not cover. */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static String leafFingerprint(Optional<SSLSession> session) {
        try {
            Certificate[] chain = session.orElseThrow().getPeerCertificates();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
        } catch (SSLPeerUnverifiedException | GeneralSecurityException | NoSuchElementException e) {
            throw new WorkloadException("https: no verified server certificate to attest: " + e);
        }
    }

    private HttpClient client(Optional<Path> trustPem) {
        return clientsByTrust.computeIfAbsent(trustPem, pem -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(deadline);
            pem.ifPresent(path -> builder.sslContext(trusting(path)));
            return builder.build();
        });
    }

    /** A TLS context whose only roots are the certificates in {@code pem}. */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                roots.setCertificateEntry("root-" + n++, certificate);
            }
            if (n == 0) {
                throw new IllegalArgumentException("no certificates in trust_pem " + pem);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(roots);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load trust_pem " + pem + ": " + e, e);
        }
    }
}
