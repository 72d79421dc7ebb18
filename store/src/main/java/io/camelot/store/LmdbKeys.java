package io.camelot.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Byte layouts of the LMDB keys. Numbers are big-endian so that LMDB's unsigned byte order is
 * numeric order; an id that is followed by a number is length-prefixed so that one id's range never
 * contains another's ("w" + sequence must not collide with "wx" + sequence).
 */
final class LmdbKeys {

    /** LMDB keys hold at most 511 bytes; this leaves room for the length prefix and suffixes. */
    static final int MAX_ID_BYTES = 500;

    private static final int LENGTH_PREFIX_BYTES = Short.BYTES;

    private LmdbKeys() {}

    /** Encodes a requester-supplied id exactly (UTF-8), rejecting what cannot be a key. */
    static byte[] id(String id, String name) {
        return StoreIds.utf8(id, name, MAX_ID_BYTES, "in UTF-8; LMDB keys allow " + MAX_ID_BYTES);
    }

    static String string(byte[] utf8) {
        return new String(utf8, UTF_8);
    }

    static byte[] queueKey(byte[] workerId, long sequence) {
        return prefixed(workerId, Long.BYTES).putLong(sequence).array();
    }

    /** Receipt update {@code index} (unsigned, so -1 is the greatest possible index). */
    static byte[] updateKey(byte[] workOrderId, int index) {
        return prefixed(workOrderId, Integer.BYTES).putInt(index).array();
    }

    static boolean isUpdateKeyOf(byte[] key, byte[] workOrderId) {
        int idEnd = LENGTH_PREFIX_BYTES + workOrderId.length;
        return key.length == idEnd + Integer.BYTES
                && Short.toUnsignedInt(ByteBuffer.wrap(key).getShort()) == workOrderId.length
                && Arrays.equals(key, LENGTH_PREFIX_BYTES, idEnd, workOrderId, 0, workOrderId.length);
    }

    static int updateIndex(byte[] updateKey) {
        return ByteBuffer.wrap(updateKey).getInt(updateKey.length - Integer.BYTES);
    }

    /** Completion index: time (sign bit flipped so negative times sort first), then sequence. */
    static byte[] completedKey(long completedAtMillis, long sequence) {
        return ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(completedAtMillis ^ Long.MIN_VALUE)
                .putLong(sequence)
                .array();
    }

    static long completedAt(byte[] completedKey) {
        return ByteBuffer.wrap(completedKey).getLong() ^ Long.MIN_VALUE;
    }

    static byte[] longValue(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long readLong(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    private static ByteBuffer prefixed(byte[] id, int suffixBytes) {
        return ByteBuffer.allocate(LENGTH_PREFIX_BYTES + id.length + suffixBytes)
                .putShort((short) id.length)
                .put(id);
    }
}
