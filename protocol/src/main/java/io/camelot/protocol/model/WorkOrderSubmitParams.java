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

    /** The params of Avalon's schema, without Camelot's dependencies extension. */
    public WorkOrderSubmitParams(
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
            List<DataItem> outData) {
        this(
                workOrderId,
                responseTimeoutMSecs,
                payloadFormat,
                resultUri,
                notifyUri,
                requesterNonce,
                workloadId,
                workerId,
                requesterId,
                sessionKeyIv,
                workerEncryptionKey,
                dataEncryptionAlgorithm,
                encryptedSessionKey,
                encryptedRequestHash,
                requesterSignature,
                verifyingKey,
                inData,
                outData,
                null,
                null);
    }

    /** A copy with the given encrypted request hash (the last field a requester fills in). */
    public WorkOrderSubmitParams withEncryptedRequestHash(String hash) {
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
                sessionKeyIv,
                workerEncryptionKey,
                dataEncryptionAlgorithm,
                encryptedSessionKey,
                hash,
                requesterSignature,
                verifyingKey,
                inData,
                outData,
                dependencies,
                envelopeVersion);
    }

    /** A copy carrying a requester signature and the key that verifies it. */
    public WorkOrderSubmitParams withRequesterSignature(String signature, String verifyingKeyPem) {
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
                sessionKeyIv,
                workerEncryptionKey,
                dataEncryptionAlgorithm,
                encryptedSessionKey,
                encryptedRequestHash,
                signature,
                verifyingKeyPem,
                inData,
                outData,
                dependencies,
                envelopeVersion);
    }

    /** A copy carrying the dependencies extension (before the request hash is computed). */
    public WorkOrderSubmitParams withDependencies(Dependencies deps) {
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
                sessionKeyIv,
                workerEncryptionKey,
                dataEncryptionAlgorithm,
                encryptedSessionKey,
                encryptedRequestHash,
                requesterSignature,
                verifyingKey,
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
