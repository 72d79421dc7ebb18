package io.camelot.attestation;

import java.util.Arrays;

/** A bounds-checked little-endian reader over quote bytes; overruns are malformed evidence. */
final class LittleEndian {
    private final byte[] data;
    private int position;

    LittleEndian(byte[] data, int offset) {
        this.data = data;
        this.position = offset;
    }

    int position() {
        return position;
    }

    byte[] bytes(int length) {
        require(length);
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    void skip(int length) {
        require(length);
        position += length;
    }

    int u16() {
        require(2);
        int value = (data[position] & 0xff) | (data[position + 1] & 0xff) << 8;
        position += 2;
        return value;
    }

    /** An unsigned 32-bit value; lengths above Integer.MAX_VALUE cannot fit a quote anyway. */
    int u32() {
        require(4);
        long value = 0;
        for (int i = 3; i >= 0; i--) {
            value = value << 8 | (data[position + i] & 0xff);
        }
        position += 4;
        if (value > Integer.MAX_VALUE) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "length field out of range: " + value);
        }
        return (int) value;
    }

    private void require(int length) {
        if (length < 0 || position + length > data.length || position + length < 0) {
            throw new VerificationException(
                    FailureReason.MALFORMED_EVIDENCE,
                    "truncated: need " + length + " bytes at offset " + position + " of " + data.length);
        }
    }
}
