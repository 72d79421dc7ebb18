package io.camelot.protocol;

import java.util.HexFormat;

/** Hex text as Avalon writes it: upper case out, either case in, never a {@code 0x} prefix. */
public final class Hex {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {}

    public static String upper(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    /**
     * Decodes hex of either case.
     *
     * @throws IllegalArgumentException if the text is not an even number of hex digits
     */
    public static byte[] decode(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public static boolean isHex(String text) {
        if (text == null || text.isEmpty() || (text.length() & 1) != 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
