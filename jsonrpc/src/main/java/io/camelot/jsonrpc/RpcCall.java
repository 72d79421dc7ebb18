package io.camelot.jsonrpc;

/**
 * One JSON-RPC call as a method sees it.
 *
 * @param params the request's params, bound by {@link RpcMethod#params}
 * @param rawRequest the HTTP body exactly as received: WorkOrderSubmit and WorkOrderReceiptCreate
 *     store it verbatim, because hashes and signatures are over the text as sent
 * @param signer the id of the key a signed privileged call was verified under ({@code
 *     SignedRequests.keyId}), or null
 * @param caller who sent it: WorkOrderSubmit holds its outstanding bytes against the caller's address
 */
public record RpcCall<P>(P params, byte[] rawRequest, String signer, Caller caller) {}
