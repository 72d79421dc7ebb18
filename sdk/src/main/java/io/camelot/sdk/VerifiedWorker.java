package io.camelot.sdk;

import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.model.WorkerRecord;

/**
 * A worker whose record passed {@link Requester#worker}: active, speaking Avalon's algorithms, its
 * encryption key signed by its verification key, and accepted by the attestation check.
 *
 * @param encryptionKey the worker's RSA-OAEP key, which every worker has
 * @param sessionKeyWrap the key session keys are wrapped to: the worker's signed X25519 key when it
 *     offers one and the requester allows it (it is the faster to unwrap), else {@code encryptionKey}
 */
public record VerifiedWorker(
    String workerId,
    WorkerRecord record,
    PublicKeyVerify verificationKey,
    KeyWrapPublicKey encryptionKey,
    KeyWrapPublicKey sessionKeyWrap) {}
