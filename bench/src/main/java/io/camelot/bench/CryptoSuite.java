package io.camelot.bench;

import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;

/**
 * The worker keys the ceiling is measured with. Another key-wrap algorithm or crypto provider is
 * measured by passing its keys here; the steps of {@link CryptoCeiling} only use the interfaces.
 */
public record CryptoSuite(String name, KeyWrapPrivateKey workerWrapKey, PublicKeySign workerSigningKey) {

    /** What Camelot's worker uses today: RSA-3072 OAEP session-key wrap and secp256k1 ECDSA. */
    public static CryptoSuite standard() {
        return new CryptoSuite(
                "RSA-3072-OAEP, secp256k1, AES-256-GCM, SHA-256", RsaOaep.generate(), Secp256k1.generate());
    }
}
