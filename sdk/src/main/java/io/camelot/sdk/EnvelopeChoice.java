package io.camelot.sdk;

/** Which work order envelope form a requester seals in (docs/envelope.md). */
public enum EnvelopeChoice {
    /** Camelot's hardened {@code camelot-2} whenever the worker advertises it, else Avalon's form. */
    HARDENED_IF_OFFERED,
    /**
     * Only {@code camelot-2}: a worker that does not advertise it is refused at verification, so an
     * attacker who strips the advertisement from the worker record cannot force the legacy form.
     */
    HARDENED_ONLY,
    /**
     * Avalon's legacy form even where the worker offers better: to measure it or to mimic Avalon's
     * clients.
     */
    LEGACY
}
