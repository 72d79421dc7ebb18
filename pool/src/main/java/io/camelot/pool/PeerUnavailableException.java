package io.camelot.pool;

/** A pool peer (WKM, WP or Worker Manager) could not be reached or answered garbage. */
public final class PeerUnavailableException extends RuntimeException {
    public PeerUnavailableException(String message) {
        super(message);
    }

    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
