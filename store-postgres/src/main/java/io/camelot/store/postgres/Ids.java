package io.camelot.store.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.camelot.store.StoreIds;
import java.util.HexFormat;

/** Ids and keys as the bytea the tables hold: their exact UTF-8 bytes. */
final class Ids {
    /**
     * Longer ids are refused: they would bloat the indexes and the NOTIFY payloads (hex, 8000 max).
     */
    static final int MAX_BYTES = 1024;

    private Ids() {}

    static byte[] encode(String id, String name) {
        return StoreIds.utf8(id, name, MAX_BYTES, "of UTF-8; at most " + MAX_BYTES + " are allowed");
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
