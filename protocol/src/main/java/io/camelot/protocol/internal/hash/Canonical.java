package io.camelot.protocol.internal.hash;

import io.camelot.protocol.crypto.CryptoProviders;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical encoding of the hardened envelope (docs/envelope.md §1): every field carries a
 * presence byte and a length, so no two different field lists encode alike. Builds the bytes of one
 * hash input or one AES-GCM associated data.
 */
public final class Canonical {
    private static final byte ABSENT = 0;
    private static final byte PRESENT = 1;
    private static final Comparator<DataItem> BY_INDEX = Comparator.comparing(DataItem::index);

    private byte[] buffer = new byte[256];
    private int size;

    /** {@code S(x)}: absent, or present with its UTF-8 length and bytes. */
    public Canonical text(String value) {
        return value == null ? absent() : bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code N(n)}: the decimal text of the number, or absent. */
    public Canonical number(Long value) {
        return value == null ? absent() : text(Long.toString(value));
    }

    /** {@code B(b)}: present raw bytes with their length. */
    public Canonical bytes(byte[] value) {
        ensure(5 + value.length);
        buffer[size++] = PRESENT;
        putLength(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    /** {@code L(items)}: absent, or the count and each item's five fields in index order. */
    public Canonical items(List<DataItem> items) {
        if (items == null) {
            return absent();
        }
        present(items.size());
        for (DataItem item : items.stream().sorted(BY_INDEX).toList()) {
            number(item.index() == null ? null : (long) item.index())
                    .text(item.dataHash())
                    .text(item.data())
                    .text(item.encryptedDataEncryptionKey())
                    .text(item.iv());
        }
        return this;
    }

    /** {@code P(links)}: absent, or the count and each link's id and response hash, in order. */
    public Canonical links(List<WorkOrderResult.PredecessorLink> links) {
        if (links == null) {
            return absent();
        }
        present(links.size());
        for (WorkOrderResult.PredecessorLink link : links) {
            text(link.workOrderId()).text(link.responseHash());
        }
        return this;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buffer, size);
    }

    public byte[] sha256() {
        var md = CryptoProviders.sha256();
        md.update(buffer, 0, size);
        return md.digest();
    }

    private Canonical absent() {
        ensure(1);
        buffer[size++] = ABSENT;
        return this;
    }

    private void present(int count) {
        ensure(5);
        buffer[size++] = PRESENT;
        putLength(count);
    }

    private void putLength(int length) {
        buffer[size++] = (byte) (length >>> 24);
        buffer[size++] = (byte) (length >>> 16);
        buffer[size++] = (byte) (length >>> 8);
        buffer[size++] = (byte) length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
