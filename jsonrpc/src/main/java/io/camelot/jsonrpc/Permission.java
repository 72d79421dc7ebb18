package io.camelot.jsonrpc;

/**
 * Who may call a method, as a name the serving API gives meaning to: each API's authentication
 * decorator guards the permissions it knows (the listener's {@code operator}; the pool guards every
 * method). {@link #PUBLIC} methods need no credentials.
 */
public record Permission(String name) {
    public static final Permission PUBLIC = new Permission("public");
}
