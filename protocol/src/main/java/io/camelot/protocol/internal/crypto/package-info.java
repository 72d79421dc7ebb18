/**
 * Not API: AES-GCM under a caller's IV (the raw cipher and Avalon's fixed-IV legacy form), the
 * worker's key ring and the shared random source, behind {@link io.camelot.protocol.crypto}'s
 * primitives and the envelope.
 */
package io.camelot.protocol.internal.crypto;
