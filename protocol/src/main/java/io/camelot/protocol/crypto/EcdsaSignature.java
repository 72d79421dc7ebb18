package io.camelot.protocol.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * An ECDSA signature and its strict DER form {@code SEQUENCE { INTEGER r, INTEGER s }}. Decoding
 * never throws: verification must answer false, not fail, for whatever bytes a peer sends.
 */
record EcdsaSignature(BigInteger r, BigInteger s) {
    private static final byte SEQUENCE = 0x30;
    private static final byte INTEGER = 0x02;
    // Both integers of a 256-bit curve fit in 2 x (2 + 33) bytes, so every length is in DER's
    // one-byte short form.
    private static final int SHORT_FORM_LIMIT = 0x80;

    /** Encodes r and s, which must be positive. */
    byte[] toDer() {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        int contentLength = 2 + rBytes.length + 2 + sBytes.length;
        byte[] der = new byte[2 + contentLength];
        der[0] = SEQUENCE;
        der[1] = (byte) contentLength;
        int sOffset = putInteger(der, 2, rBytes);
        putInteger(der, sOffset, sBytes);
        return der;
    }

    /**
     * Decodes strict DER: short-form lengths, minimal positive integers, nothing after the sequence.
     * Anything else is empty rather than an exception.
     */
    static Optional<EcdsaSignature> fromDer(byte[] der) {
        if (der.length < 2 || der[0] != SEQUENCE || (der[1] & 0xff) >= SHORT_FORM_LIMIT || der[1] != der.length - 2) {
            return Optional.empty();
        }
        int rEnd = integerEnd(der, 2);
        int sEnd = rEnd < 0 ? -1 : integerEnd(der, rEnd);
        if (sEnd != der.length) {
            return Optional.empty();
        }
        BigInteger r = new BigInteger(Arrays.copyOfRange(der, 4, rEnd));
        BigInteger s = new BigInteger(Arrays.copyOfRange(der, rEnd + 2, sEnd));
        return Optional.of(new EcdsaSignature(r, s));
    }

    private static int putInteger(byte[] der, int offset, byte[] value) {
        der[offset] = INTEGER;
        der[offset + 1] = (byte) value.length;
        System.arraycopy(value, 0, der, offset + 2, value.length);
        return offset + 2 + value.length;
    }

    /** Offset just past a well-formed non-negative INTEGER starting at {@code offset}, or -1. */
    private static int integerEnd(byte[] der, int offset) {
        if (offset + 2 > der.length || der[offset] != INTEGER) {
            return -1;
        }
        int length = der[offset + 1] & 0xff;
        int end = offset + 2 + length;
        if (length == 0 || length >= SHORT_FORM_LIMIT || end > der.length) {
            return -1;
        }
        byte first = der[offset + 2];
        boolean negative = first < 0;
        boolean needlesslyPadded = length > 1 && first == 0 && der[offset + 3] >= 0;
        return negative || needlesslyPadded ? -1 : end;
    }
}
