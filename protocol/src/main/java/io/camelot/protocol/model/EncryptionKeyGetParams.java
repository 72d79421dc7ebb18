package io.camelot.protocol.model;

/** EncryptionKeyGet params as the Avalon SDK sends them; only {@code workerId} is used. */
public record EncryptionKeyGetParams(
        String workerId,
        String lastUsedKeyNonce,
        String tag,
        String requesterId,
        String signatureNonce,
        String signature) {}
