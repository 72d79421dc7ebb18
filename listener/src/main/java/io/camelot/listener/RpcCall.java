package io.camelot.listener;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON-RPC call as a method sees it.
 *
 * @param params the request's params object
 * @param rawRequest the HTTP body exactly as received: WorkOrderSubmit and WorkOrderReceiptCreate
 *     store it verbatim, because hashes and signatures are over the text as sent
 * @param signer the id of the key a signed privileged call was verified under
 *     ({@code SignedRequests.keyId}), or null
 */
public record RpcCall(JsonNode params, byte[] rawRequest, String signer) {
  public RpcCall(JsonNode params, byte[] rawRequest) {
    this(params, rawRequest, null);
  }
}
