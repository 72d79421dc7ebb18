package io.camelot.security;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/** Signs request bodies for {@link RequestAuthenticator}; see {@link SignedRequests}. */
public final class RequestSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ECPrivateKeyParameters privateKey;
    private final String keyId;
    private final Clock clock;

    public RequestSigner(PrivateKey privateKey, PublicKey publicKey, Clock clock) {
        this.privateKey = P256Ecdsa.privateKey(privateKey);
        this.keyId = SignedRequests.keyId(publicKey);
        this.clock = clock;
    }

    public RequestSigner(KeyPair keys, Clock clock) {
        this(keys.getPrivate(), keys.getPublic(), clock);
    }

    /** A fresh P-256 key pair, the kind this scheme signs with (operators, pool processes). */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 keys are not available", e);
        }
    }

    /**
     * The {@value SignedRequests#HEADER} header value for this body sent to {@code audience} ({@link
     * SignedRequests#audience}), fresh for each call.
     */
    public String authorization(String audience, byte[] body) {
        long now = clock.millis();
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        String sig = Base64.getEncoder()
                .encodeToString(P256Ecdsa.sign(privateKey, SignedRequests.signedText(audience, now, nonce, body)));
        return SignedRequests.SCHEME + " key=" + keyId + ", ts=" + now + ", nonce=" + nonce + ", aud=" + audience
                + ", sig=" + sig;
    }
}
