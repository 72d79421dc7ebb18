package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * EncryptionKeyGet result. {@code signature} is the worker's encryptionKeySignature: an ECDSA
 * signature by the worker's verification key over SHA-256 of the PEM (Avalon returned a bare hash
 * here, which proves nothing).
 */
@JsonPropertyOrder({"workerId", "encryptionKey", "encryptionKeyNonce", "tag", "signature"})
public record EncryptionKeyResult(
        String workerId, String encryptionKey, String encryptionKeyNonce, String tag, String signature) {}
