package io.camelot.pool.wkm;

import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool's encryption key as seen while opening one request: it unwraps as the key does and
 * remembers each ciphertext with what it unwrapped to, which are exactly the keys a WP needs for
 * this work order. Confined to one thread and one request.
 */
final class RecordingKey implements KeyWrapPrivateKey {
    record Unwrapped(byte[] wrapped, byte[] key) {}

    private final KeyWrapPrivateKey key;
    private final List<Unwrapped> unwrapped = new ArrayList<>();

    RecordingKey(KeyWrapPrivateKey key) {
        this.key = key;
    }

    @Override
    public byte[] unwrap(byte[] wrapped) {
        byte[] plain = key.unwrap(wrapped);
        unwrapped.add(new Unwrapped(wrapped.clone(), plain.clone()));
        return plain;
    }

    @Override
    public int wrappedBytes() {
        return key.wrappedBytes();
    }

    @Override
    public KeyWrapPublicKey publicKey() {
        return key.publicKey();
    }

    /** Never: this view exists to hand out per-work-order keys, not the pool key. */
    @Override
    public byte[] toPkcs8() {
        throw new UnsupportedOperationException("the pool key cannot be exported through a request view");
    }

    List<Unwrapped> unwrapped() {
        return unwrapped;
    }
}
