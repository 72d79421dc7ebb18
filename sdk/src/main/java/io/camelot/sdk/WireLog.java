package io.camelot.sdk;

/**
 * Sees every JSON-RPC body a {@link DirectTcsClient} exchanges, exactly as sent and as received,
 * for debugging interoperability and for audits. It is called on the calling thread: with a request
 * just before it is sent, and with the response once the whole body has arrived, whatever its HTTP
 * status. A request with no response after it got none (connection failure, timeout). Threads
 * sharing a client call it concurrently. An exception it throws fails the call.
 */
@FunctionalInterface
public interface WireLog {

    enum Direction {
        REQUEST,
        RESPONSE
    }

    /**
     * @param url the listener the body went to or came from
     * @param body the bytes of the HTTP body, a copy the log may keep
     */
    void exchanged(Direction direction, String url, byte[] body);
}
