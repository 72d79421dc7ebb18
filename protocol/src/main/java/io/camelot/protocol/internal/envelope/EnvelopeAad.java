package io.camelot.protocol.internal.envelope;

import io.camelot.protocol.internal.hash.Canonical;

/**
 * The hardened envelope's AES-GCM associated data (docs/envelope.md §3): each ciphertext is bound
 * to its purpose, its item index and its work order, so none can be moved to another place.
 */
public final class EnvelopeAad {
    public static final String REQUEST_HASH = "request-hash";
    public static final String IN = "in";
    public static final String IN_KEY = "in-key";
    public static final String OUT_KEY = "out-key";
    public static final String OUT = "out";

    private EnvelopeAad() {}

    public static byte[] of(String purpose, int index, String workOrderId) {
        return new Canonical()
                .text("camelot-2/aad")
                .text(purpose)
                .number((long) index)
                .text(workOrderId)
                .toBytes();
    }
}
