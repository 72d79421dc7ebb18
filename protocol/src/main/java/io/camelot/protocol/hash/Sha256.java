package io.camelot.protocol.hash;

import io.camelot.protocol.crypto.CryptoProviders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** SHA-256, the only hash of the EEA envelope. */
public final class Sha256 {
    public static final int BYTES = 32;

    private Sha256() {}

    public static byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    /** SHA-256 of the UTF-8 encoding of the text. */
    public static byte[] digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 over the concatenation of the given parts (e.g. raw 32-byte digests). */
    public static byte[] digestConcat(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    static MessageDigest newDigest() {
        return CryptoProviders.sha256();
    }
}
