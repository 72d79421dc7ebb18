package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.camelot.protocol.EnvelopeVersion;
import java.util.List;

/**
 * The {@code result} of a completed work order. The two {@code ext…} fields are present only when a
 * worker pool signs with a per-work-order key vouched for by the pool key (two-step verification).
 */
@JsonPropertyOrder({
    "workOrderId",
    "workloadId",
    "workerId",
    "requesterId",
    "workerNonce",
    "workerSignature",
    "outData",
    "extVerificationKey",
    "extVerificationKeySignature",
    "predecessors",
    "envelopeVersion"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkOrderResult(
        String workOrderId,
        String workloadId,
        String workerId,
        String requesterId,
        String workerNonce,
        String workerSignature,
        List<DataItem> outData,
        String extVerificationKey,
        String extVerificationKeySignature,
        List<PredecessorLink> predecessors,
        String envelopeVersion) {

    /** A predecessor's id and the upper-hex SHA-256 response hash of its result. */
    @JsonPropertyOrder({"workOrderId", "responseHash"})
    public record PredecessorLink(String workOrderId, String responseHash) {}

    public WorkOrderResult withSignature(String signature) {
        return signedAs(signature, extVerificationKey, extVerificationKeySignature);
    }

    public WorkOrderResult withExtVerificationKey(String key, String keySignature) {
        return signedAs(workerSignature, key, keySignature);
    }

    /** A copy with the fields a worker fills in while signing; the others stay as they are. */
    private WorkOrderResult signedAs(String signature, String key, String keySignature) {
        return new WorkOrderResult(
                workOrderId,
                workloadId,
                workerId,
                requesterId,
                workerNonce,
                signature,
                outData,
                key,
                keySignature,
                predecessors,
                envelopeVersion);
    }

    /** The form this result claims (docs/envelope.md). */
    public EnvelopeVersion envelope() {
        return EnvelopeVersion.ofWire(envelopeVersion);
    }
}
