package io.camelot.protocol.envelope;

import java.nio.charset.StandardCharsets;

/** A decrypted data item at its wire index. */
public record PlainItem(int index, byte[] data) {

    public static PlainItem ofText(int index, String text) {
        return new PlainItem(index, text.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
