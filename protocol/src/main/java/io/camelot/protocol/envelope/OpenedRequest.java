package io.camelot.protocol.envelope;

import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.List;
import java.util.Map;

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
    Map<Integer, byte[]> outputDataKeys) {}
