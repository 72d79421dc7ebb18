package io.camelot.sdk;

/** A call, or the wait for a work order result, did not finish in time. */
public class TcsTimeoutException extends TcsException {
    public TcsTimeoutException(String message) {
        super(message);
    }

    public TcsTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
