package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.camelot.protocol.EnvelopeVersion;
import java.util.List;

/**
 * The params of a WorkOrderSubmit request, field for field as Avalon's SDK sends them. Ids, nonces
 * and hex fields are kept verbatim ({@code 0x} prefixes and case included): they are hashed and
 * echoed as received.
 *
 * @param dependencies Camelot's optional extension (docs/dependencies.md); null for every Avalon
 *     client
 * @param envelopeVersion {@code "camelot-2"} for the hardened form (docs/envelope.md); null, as
 *     Avalon's clients send it, for the legacy form
 */
@JsonPropertyOrder({
    "workOrderId",
    "responseTimeoutMSecs",
    "payloadFormat",
    "resultUri",
    "notifyUri",
    "requesterNonce",
    "workloadId",
    "workerId",
    "requesterId",
    "sessionKeyIv",
    "workerEncryptionKey",
    "dataEncryptionAlgorithm",
    "encryptedSessionKey",
    "encryptedRequestHash",
    "requesterSignature",
    "verifyingKey",
    "inData",
    "outData",
    "dependencies",
    "envelopeVersion"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkOrderSubmitParams(
        String workOrderId,
        Long responseTimeoutMSecs,
        String payloadFormat,
        String resultUri,
        String notifyUri,
        String requesterNonce,
        String workloadId,
        String workerId,
        String requesterId,
        String sessionKeyIv,
        String workerEncryptionKey,
        String dataEncryptionAlgorithm,
        String encryptedSessionKey,
        String encryptedRequestHash,
        String requesterSignature,
        String verifyingKey,
        List<DataItem> inData,
        List<DataItem> outData,
        Dependencies dependencies,
        String envelopeVersion) {

    /** A copy with the IV that encrypted the request hash (the hardened form's own, docs/envelope.md). */
    public WorkOrderSubmitParams withSessionKeyIv(String iv) {
        return sealedAs(iv, encryptedRequestHash, requesterSignature, verifyingKey, dependencies);
    }

    /** A copy with the given encrypted request hash (the last field a requester fills in). */
    public WorkOrderSubmitParams withEncryptedRequestHash(String hash) {
        return sealedAs(sessionKeyIv, hash, requesterSignature, verifyingKey, dependencies);
    }

    /** A copy carrying a requester signature and the key that verifies it. */
    public WorkOrderSubmitParams withRequesterSignature(String signature, String verifyingKeyPem) {
        return sealedAs(sessionKeyIv, encryptedRequestHash, signature, verifyingKeyPem, dependencies);
    }

    /** A copy carrying the dependencies extension (before the request hash is computed). */
    public WorkOrderSubmitParams withDependencies(Dependencies deps) {
        return sealedAs(sessionKeyIv, encryptedRequestHash, requesterSignature, verifyingKey, deps);
    }

    /** A copy with the fields a requester fills in while sealing; the others stay as they are. */
    private WorkOrderSubmitParams sealedAs(
            String iv, String hash, String signature, String verifyingKeyPem, Dependencies deps) {
        return new WorkOrderSubmitParams(
                workOrderId,
                responseTimeoutMSecs,
                payloadFormat,
                resultUri,
                notifyUri,
                requesterNonce,
                workloadId,
                workerId,
                requesterId,
                iv,
                workerEncryptionKey,
                dataEncryptionAlgorithm,
                encryptedSessionKey,
                hash,
                signature,
                verifyingKeyPem,
                inData,
                outData,
                deps,
                envelopeVersion);
    }

    /** The form this request claims (docs/envelope.md). */
    public EnvelopeVersion envelope() {
        return EnvelopeVersion.ofWire(envelopeVersion);
    }
}
