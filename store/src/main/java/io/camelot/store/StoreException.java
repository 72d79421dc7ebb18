package io.camelot.store;

/** The store could not do what was asked (full, damaged, unreadable): not the caller's fault. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
