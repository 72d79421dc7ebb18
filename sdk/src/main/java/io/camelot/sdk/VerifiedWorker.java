package io.camelot.sdk;

import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.model.WorkerRecord;

/**
 * A worker whose record passed {@link Requester#worker}: active, speaking Avalon's algorithms, its
 * encryption key signed by its verification key, and accepted by the attestation check.
 */
public record VerifiedWorker(
    String workerId,
    WorkerRecord record,
    PublicKeyVerify verificationKey,
    KeyWrapPublicKey encryptionKey) {}
