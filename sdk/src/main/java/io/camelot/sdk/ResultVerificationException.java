package io.camelot.sdk;

/** A work order result is not the worker's answer to this request or cannot be decrypted. */
public class ResultVerificationException extends TcsException {
    public ResultVerificationException(String message, Throwable cause) {
        super(message, cause);
    }

    public ResultVerificationException(String message) {
        super(message);
    }
}
