package io.camelot.protocol.crypto;

import static org.quicktheories.generators.SourceDSL.integers;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators for byte arrays. */
final class ByteGens {
    private ByteGens() {}

    static Gen<byte[]> bytes(int minLength, int maxLength) {
        return Generate.byteArrays(
                integers().between(minLength, maxLength), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    static Gen<byte[]> bytes(int length) {
        return bytes(length, length);
    }
}
