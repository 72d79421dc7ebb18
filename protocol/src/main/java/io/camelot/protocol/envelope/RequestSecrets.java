package io.camelot.protocol.envelope;

import io.camelot.protocol.model.WorkOrderSubmitParams;

/**
 * What a requester keeps after sealing a work order: the request as sent and the session key and
 * IV, needed to decrypt the result and to check that the result answers this request.
 */
public record RequestSecrets(WorkOrderSubmitParams request, byte[] sessionKey, byte[] sessionIv) {}
