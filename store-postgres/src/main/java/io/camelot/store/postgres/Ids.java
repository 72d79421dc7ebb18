package io.camelot.store.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.HexFormat;
import java.util.Objects;

/** Ids and keys as the bytea the tables hold: their exact UTF-8 bytes. */
final class Ids {
    /**
     * Longer ids are refused: they would bloat the indexes and the NOTIFY payloads (hex, 8000 max).
     */
    static final int MAX_BYTES = 1024;

    private Ids() {}

    static byte[] encode(String id, String name) {
        Objects.requireNonNull(id, name);
        if (id.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        ByteBuffer encoded;
        try {
            // A strict encoder: getBytes() would silently turn an unpaired surrogate into '?'.
            encoded = UTF_8.newEncoder().encode(CharBuffer.wrap(id));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + " is not valid Unicode", e);
        }
        if (encoded.remaining() > MAX_BYTES) {
            throw new IllegalArgumentException(
                    name + " is " + encoded.remaining() + " bytes of UTF-8; at most " + MAX_BYTES + " are allowed");
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    static String decode(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    /** NOTIFY payloads are text without NUL: ids travel as the hex of their bytes. */
    static String toPayload(byte[] id) {
        return HexFormat.of().formatHex(id);
    }

    static String fromPayload(String payload) {
        return decode(HexFormat.of().parseHex(payload));
    }
}
