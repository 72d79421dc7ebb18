package io.camelot.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Objects;

/** Requester-supplied ids as the stores key them: their exact UTF-8 bytes. */
public final class StoreIds {
    private StoreIds() {}

    /**
     * Encodes {@code id} exactly, refusing an empty one, one that is not valid Unicode and one longer
     * than {@code maxBytes}.
     *
     * @param name what the id is, for the messages
     * @param tooLong ends the message for a longer id: "{name} is {n} bytes {tooLong}"
     */
    public static byte[] utf8(String id, String name, int maxBytes, String tooLong) {
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
        if (encoded.remaining() > maxBytes) {
            throw new IllegalArgumentException(name + " is " + encoded.remaining() + " bytes " + tooLong);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    /**
     * The bytes a key range scan starts after: {@code afterId}'s UTF-8, cut to {@code maxBytes} (no
     * stored id is longer, so the cut selects the same ids), empty for null.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public static byte[] after(String afterId, int maxBytes, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        byte[] bytes = afterId == null ? new byte[0] : afterId.getBytes(UTF_8);
        return bytes.length <= maxBytes ? bytes : Arrays.copyOf(bytes, maxBytes);
    }
}
