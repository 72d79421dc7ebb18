package io.camelot.listener;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON-RPC call as a method sees it.
 *
 * @param params the request's params object
 * @param rawRequest the HTTP body exactly as received: WorkOrderSubmit and WorkOrderReceiptCreate
 *     store it verbatim, because hashes and signatures are over the text as sent
 */
public record RpcCall(JsonNode params, byte[] rawRequest) {}
