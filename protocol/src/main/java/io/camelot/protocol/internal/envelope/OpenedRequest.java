package io.camelot.protocol.internal.envelope;

import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A work order after the worker has unwrapped its keys and checked its integrity. Lives only inside
 * the worker (it holds the session key).
 *
 * @param outputDataKeys data keys, by output index, that the requester asked outputs to be
 *     encrypted under
 */
public record OpenedRequest(
        WorkOrderSubmitParams request,
        byte[] requestHash,
        byte[] sessionKey,
        byte[] sessionIv,
        List<PlainItem> inputs,
        Map<Integer, byte[]> outputDataKeys) {

    /**
     * The requester key the request is signed under (its {@code verifyingKey} PEM, as sent), or empty
     * for an unsigned request. {@link RequestOpener} returns an OpenedRequest only once a signature
     * present verified under that key, so this is the key a requester policy may trust; a key sent
     * without a signature proves nothing and is not returned.
     */
    public Optional<String> verifiedRequesterKey() {
        String signature = request.requesterSignature();
        return signature == null || signature.isEmpty() ? Optional.empty() : Optional.of(request.verifyingKey());
    }
}
