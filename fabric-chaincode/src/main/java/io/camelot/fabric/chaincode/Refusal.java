package io.camelot.fabric.chaincode;

/** A refused call: the chaincode answers with an error response carrying this message. */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Refusal(String message) {
        super(message);
    }

    static void refuseUnless(boolean condition, String message) {
        if (!condition) {
            throw new Refusal(message);
        }
    }
}
