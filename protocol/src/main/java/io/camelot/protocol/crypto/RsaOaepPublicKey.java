package io.camelot.protocol.crypto;

import io.camelot.protocol.internal.crypto.SecureRandomHolder;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Wraps secrets with RSA-OAEP (SHA-1, MGF1-SHA-1, empty label). Immutable; a new {@link Cipher} per
 * call.
 */
final class RsaOaepPublicKey implements KeyWrapPublicKey {
    static final String TRANSFORMATION = "RSA/ECB/OAEPPadding";

    /**
     * Spelled out so that the SHA-1 label hash and MGF1-SHA-1 Avalon needs never depend on a
     * provider's defaults.
     */
    static final OAEPParameterSpec AVALON_OAEP =
            new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

    private final RSAPublicKey key;
    private final String pem;

    RsaOaepPublicKey(RSAPublicKey key) {
        this.key = key;
        this.pem = Pem.encode("PUBLIC KEY", key.getEncoded());
    }

    @Override
    public byte[] wrap(byte[] secret) {
        try {
            Cipher cipher = CryptoProviders.cipher(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, AVALON_OAEP, SecureRandomHolder.RANDOM);
            return cipher.doFinal(secret);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("RSA-OAEP wrap failed", e);
        }
    }

    @Override
    public String pem() {
        return pem;
    }

    @Override
    public String algorithm() {
        return "RSA-OAEP-" + key.getModulus().bitLength();
    }
}
