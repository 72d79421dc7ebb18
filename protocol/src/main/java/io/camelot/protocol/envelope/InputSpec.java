package io.camelot.protocol.envelope;

import java.nio.charset.StandardCharsets;

/** How the requester wants one input item protected. */
public sealed interface InputSpec {

    /** Encrypted under the work order's session key and IV (Avalon's default). */
    record SessionKey(byte[] plaintext, boolean withDataHash) implements InputSpec {}

    /** Sent in the clear as base64 ({@code encryptedDataEncryptionKey = "-"}). */
    record Plaintext(byte[] plaintext, boolean withDataHash) implements InputSpec {}

    /** Already encrypted by its owner, possibly another party, under the owner's own data key. */
    record OwnDataKey(DataKeyItem item) implements InputSpec {}

    /**
     * An empty item the worker fills with a predecessor's output (a hand-off named in the
     * dependencies extension); the requester never sees that data.
     */
    record HandOffPlaceholder() implements InputSpec {}

    /** UTF-8 text under the session key, without a dataHash: what Avalon's generic client sends. */
    static InputSpec text(String text) {
        return new SessionKey(text.getBytes(StandardCharsets.UTF_8), false);
    }
}
