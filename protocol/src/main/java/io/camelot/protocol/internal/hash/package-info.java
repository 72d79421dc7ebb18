/**
 * Not API: the canonical encoding and the digests under EEA signatures, behind {@link
 * io.camelot.protocol.hash.WorkOrderHashes} and {@link io.camelot.protocol.envelope.Signatures}.
 */
package io.camelot.protocol.internal.hash;
