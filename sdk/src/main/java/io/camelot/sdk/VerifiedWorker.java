package io.camelot.sdk;

import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.model.WorkerRecord;

/**
 * A worker whose record passed {@link Requester#worker}: active, speaking Avalon's algorithms, its
 * encryption key signed by its verification key, and accepted by the attestation check.
 *
 * <p>Not a record: a record's constructor is public, which would let any caller label an unchecked
 * worker record verified. Only {@link WorkerVerifier} makes one.
 */
public final class VerifiedWorker {
    private final String workerId;
    private final WorkerRecord record;
    private final PublicKeyVerify verificationKey;
    private final KeyWrapPublicKey encryptionKey;
    private final KeyWrapPublicKey sessionKeyWrap;

    VerifiedWorker(
            String workerId,
            WorkerRecord record,
            PublicKeyVerify verificationKey,
            KeyWrapPublicKey encryptionKey,
            KeyWrapPublicKey sessionKeyWrap) {
        this.workerId = workerId;
        this.record = record;
        this.verificationKey = verificationKey;
        this.encryptionKey = encryptionKey;
        this.sessionKeyWrap = sessionKeyWrap;
    }

    public String workerId() {
        return workerId;
    }

    public WorkerRecord record() {
        return record;
    }

    public PublicKeyVerify verificationKey() {
        return verificationKey;
    }

    /** The worker's RSA-OAEP key, which every worker has. */
    public KeyWrapPublicKey encryptionKey() {
        return encryptionKey;
    }

    /**
     * The key session keys are wrapped to: the worker's signed X25519 key when it offers one and the
     * requester allows it (it is the faster to unwrap), else {@link #encryptionKey()}.
     */
    public KeyWrapPublicKey sessionKeyWrap() {
        return sessionKeyWrap;
    }
}
