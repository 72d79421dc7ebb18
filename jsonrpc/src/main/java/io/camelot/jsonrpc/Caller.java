package io.camelot.jsonrpc;

/**
 * Who sent a request, as far as the transport knows.
 *
 * @param address the remote IP address (the rate-limit key for unsigned calls)
 * @param loopback whether it came from this host
 * @param authorization the {@code Authorization} header, or null
 */
public record Caller(String address, boolean loopback, String authorization) {
    /** An in-process call (tests, embedding): this host, no credentials. */
    public static final Caller LOCAL = new Caller("local", true, null);
}
