package io.camelot.sdk;

/**
 * The TCS could not be reached or answered with something that is not a JSON-RPC reply: connection
 * failure, non-200 status, a Content-Type other than {@code application/json}, malformed JSON.
 */
public class TcsTransportException extends TcsException {
    public TcsTransportException(String message) {
        super(message);
    }

    public TcsTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
