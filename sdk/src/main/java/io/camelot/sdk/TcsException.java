package io.camelot.sdk;

/** Base of every failure the SDK reports; unchecked so callers handle only what they care about. */
public class TcsException extends RuntimeException {
    public TcsException(String message) {
        super(message);
    }

    public TcsException(String message, Throwable cause) {
        super(message, cause);
    }
}
