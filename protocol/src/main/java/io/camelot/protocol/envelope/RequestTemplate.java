package io.camelot.protocol.envelope;

import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.model.Dependencies;
import java.util.List;

/**
 * Everything a requester decides about a work order before it is encrypted. Ids are used verbatim
 * as given (hex text; the SDK generates them when not supplied).
 *
 * @param workloadId hex of the UTF-8 workload name
 * @param outputKeys per-index data keys that outputs must be encrypted under (usually empty)
 * @param notifyUri where to POST a completion notice, or null
 * @param dependencies Camelot's dependencies extension, or null (as Avalon clients send)
 * @param envelope the envelope form to seal in: hardened when the worker serves it
 */
public record RequestTemplate(
        String workOrderId,
        String workerId,
        String workloadId,
        String requesterId,
        String requesterNonce,
        long responseTimeoutMSecs,
        String notifyUri,
        List<InputSpec> inputs,
        List<OutputKey> outputKeys,
        Dependencies dependencies,
        EnvelopeVersion envelope) {

    /** A template for Avalon's form, as Avalon's clients seal. */
    public RequestTemplate(
            String workOrderId,
            String workerId,
            String workloadId,
            String requesterId,
            String requesterNonce,
            long responseTimeoutMSecs,
            String notifyUri,
            List<InputSpec> inputs,
            List<OutputKey> outputKeys,
            Dependencies dependencies) {
        this(
                workOrderId,
                workerId,
                workloadId,
                requesterId,
                requesterNonce,
                responseTimeoutMSecs,
                notifyUri,
                inputs,
                outputKeys,
                dependencies,
                EnvelopeVersion.AVALON_1);
    }

    /** A copy sealed in the given form. */
    public RequestTemplate withEnvelope(EnvelopeVersion version) {
        return new RequestTemplate(
                workOrderId,
                workerId,
                workloadId,
                requesterId,
                requesterNonce,
                responseTimeoutMSecs,
                notifyUri,
                inputs,
                outputKeys,
                dependencies,
                version);
    }

    public RequestTemplate(
            String workOrderId,
            String workerId,
            String workloadId,
            String requesterId,
            String requesterNonce,
            long responseTimeoutMSecs,
            String notifyUri,
            List<InputSpec> inputs,
            List<OutputKey> outputKeys) {
        this(
                workOrderId,
                workerId,
                workloadId,
                requesterId,
                requesterNonce,
                responseTimeoutMSecs,
                notifyUri,
                inputs,
                outputKeys,
                null);
    }

    /** An output index whose result must be encrypted under its owner's data key. */
    public record OutputKey(int index, byte[] wrappedDataKey) {}
}
