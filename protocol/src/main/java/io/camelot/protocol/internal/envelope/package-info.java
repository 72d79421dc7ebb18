/**
 * Not API: the worker's half of the envelope (open a request, seal a response) and the receipt
 * writer checks, for Camelot's worker, pool and listener modules. Requesters use {@link
 * io.camelot.protocol.envelope}; the SDK's boundary test fails if it refers to anything here.
 */
package io.camelot.protocol.internal.envelope;
