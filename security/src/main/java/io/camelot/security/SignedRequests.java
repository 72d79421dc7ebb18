package io.camelot.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The signed-request scheme that authenticates operator and pool-internal JSON-RPC calls. The
 * caller sends one HTTP header,
 *
 * <pre>Authorization: Camelot-Signature key=KEYID, ts=MILLIS, nonce=HEX, aud=HOST:PORT, sig=BASE64
 * </pre>
 *
 * where {@code sig} is SHA256withECDSA (P-256, DER) by the caller's private key over
 *
 * <pre>camelot-request-v2 LF aud LF ts LF nonce LF hex(SHA-256(body))</pre>
 *
 * and {@code KEYID} names the public key ({@link #keyId}). The signature covers the exact body, so
 * a token cannot authorise any other call; the time window and the nonce make each token single
 * use; the audience ({@link #audience}: the name and port the caller addressed) lets a listener
 * that lists its own refuse a token captured on its way to another.
 */
public final class SignedRequests {
    public static final String HEADER = "Authorization";
    public static final String SCHEME = "Camelot-Signature";
    static final String ALGORITHM = "SHA256withECDSA";
    static final String CONTEXT = "camelot-request-v2";

    private SignedRequests() {}

    /** The first 16 bytes of SHA-256 over the key's X.509 SubjectPublicKeyInfo, in hex. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(sha256(key.getEncoded()), 0, 16);
    }

    /**
     * The audience of a call to {@code target}: its lower-case host and port (the scheme's default if
     * none), e.g. {@code tcs-a.example.com:443}. No path: listeners answer the same on every path.
     */
    public static String audience(URI target) {
        if (target.getHost() == null) {
            throw new IllegalArgumentException("no host in " + target);
        }
        int port = target.getPort() != -1 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        return target.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    static byte[] signedText(String audience, long timestampMillis, String nonce, byte[] body) {
        String text = CONTEXT
                + "\n"
                + audience
                + "\n"
                + timestampMillis
                + "\n"
                + nonce
                + "\n"
                + HexFormat.of().formatHex(sha256(body));
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
