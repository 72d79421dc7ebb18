package io.camelot.pool.wp;

import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.RsaOaep;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stands in for the pool's encryption key inside a WP, for one work order: it "unwraps" exactly the
 * ciphertexts the WKM unwrapped in PreprocessWorkorder, returning the keys the WKM sent wrapped to
 * this WP's attested key, and nothing else. The WP never holds the pool key.
 */
final class PreprocessedKeys implements KeyWrapPrivateKey {
    private final Map<String, byte[]> byCiphertext = new HashMap<>();
    private final int wrappedBytes;

    /**
     * @param keys upper-hex pool ciphertext to upper-hex key wrapped to {@code wpKey}
     */
    PreprocessedKeys(Map<String, String> keys, KeyWrapPrivateKey wpKey) {
        int size = RsaOaep.KEY_BITS / 8;
        for (Map.Entry<String, String> entry : keys.entrySet()) {
            byCiphertext.put(entry.getKey().toUpperCase(Locale.ROOT), wpKey.unwrap(Hex.decode(entry.getValue())));
            size = entry.getKey().length() / 2;
        }
        this.wrappedBytes = size;
    }

    @Override
    public byte[] unwrap(byte[] wrapped) {
        byte[] key = byCiphertext.get(Hex.upper(wrapped));
        if (key == null) {
            throw new CryptoException("the key manager released no key for this ciphertext");
        }
        return key.clone();
    }

    @Override
    public int wrappedBytes() {
        return wrappedBytes;
    }

    /** Not available: a WP knows only the keys of its current work order, not the pool key. */
    @Override
    public KeyWrapPublicKey publicKey() {
        throw new UnsupportedOperationException("a WP does not hold the pool encryption key");
    }

    @Override
    public byte[] toPkcs8() {
        throw new UnsupportedOperationException("a WP does not hold the pool encryption key");
    }
}
