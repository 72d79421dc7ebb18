package io.camelot.ethereum;

import java.util.HexFormat;
import java.util.Locale;

/** EEA ids (32 bytes of hex on the wire) to and from Solidity {@code bytes32}. */
public final class Bytes32 {
    private static final HexFormat HEX = HexFormat.of();

    private Bytes32() {}

    /**
     * @param id 64 hex digits, optionally {@code 0x}-prefixed, any case
     * @throws IllegalArgumentException if {@code id} is not 32 bytes of hex
     */
    public static byte[] of(String id) {
        String digits = id != null && id.startsWith("0x") ? id.substring(2) : id;
        if (digits == null || digits.length() != 64) {
            throw new IllegalArgumentException("not a 32-byte hex id: " + id);
        }
        try {
            return HEX.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a 32-byte hex id: " + id, e);
        }
    }

    /** An optional filter: null or empty means "any", which the contracts spell as zero. */
    public static byte[] orZero(String id) {
        return id == null || id.isEmpty() ? new byte[32] : of(id);
    }

    /** Lower-case hex without prefix, the form Camelot issues ids in. */
    public static String hex(byte[] value) {
        return HEX.formatHex(value);
    }

    /** Whether two wire ids name the same bytes32 (prefix and case aside). */
    public static boolean same(String id, byte[] value) {
        try {
            return java.util.Arrays.equals(of(id), value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String normalized(String id) {
        return id.startsWith("0x") ? id.substring(2).toLowerCase(Locale.ROOT) : id.toLowerCase(Locale.ROOT);
    }

    static boolean isZero(byte[] value) {
        for (byte b : value) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
