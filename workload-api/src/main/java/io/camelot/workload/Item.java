package io.camelot.workload;

import java.nio.charset.StandardCharsets;

/** One plaintext data item of a work order, at its wire index. */
public record Item(int index, byte[] data) {

    public static Item ofText(int index, String text) {
        return new Item(index, text.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
