package io.camelot.protocol.envelope;

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
    Dependencies dependencies) {

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
        workOrderId, workerId, workloadId, requesterId, requesterNonce, responseTimeoutMSecs,
        notifyUri, inputs, outputKeys, null);
  }

  /** An output index whose result must be encrypted under its owner's data key. */
  public record OutputKey(int index, byte[] wrappedDataKey) {}
}
