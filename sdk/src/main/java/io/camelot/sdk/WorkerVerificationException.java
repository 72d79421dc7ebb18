package io.camelot.sdk;

/** A worker's record failed a check, so nothing should be sent to it. */
public class WorkerVerificationException extends TcsException {
    public WorkerVerificationException(String message) {
        super(message);
    }

    public WorkerVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
