package io.camelot.protocol;

import java.util.Optional;

/**
 * The forms of the work order envelope a Camelot worker serves (docs/envelope.md). A request names
 * its form in {@code envelopeVersion}; Avalon's clients send none, which is the legacy form.
 */
public enum EnvelopeVersion {
    /**
     * Avalon's format, byte for byte, with its flaws (one session IV for everything, ambiguous
     * hashes).
     */
    AVALON_1("avalon-1"),
    /** Camelot's hardened format: an IV per item, associated data, length-prefixed hashes. */
    CAMELOT_2("camelot-2");

    private final String label;

    EnvelopeVersion(String label) {
        this.label = label;
    }

    /**
     * The name used in meters, configuration and docs; also the wire value for {@link #CAMELOT_2}.
     */
    public String label() {
        return label;
    }

    /** The value of {@code envelopeVersion} on the wire: absent for the legacy form. */
    public String wireValue() {
        return this == AVALON_1 ? null : label;
    }

    /**
     * The form a request or result names.
     *
     * @throws EeaException with code 2 for a value this build does not serve
     */
    public static EnvelopeVersion ofWire(String wireValue) {
        if (wireValue == null) {
            return AVALON_1;
        }
        return byLabel(wireValue)
                .filter(v -> v != AVALON_1)
                .orElseThrow(() -> EeaException.invalidParameter("Unsupported envelopeVersion '"
                        + wireValue
                        + "': this worker serves camelot-2 or none (Avalon's form)"));
    }

    public static Optional<EnvelopeVersion> byLabel(String label) {
        for (EnvelopeVersion v : values()) {
            if (v.label.equals(label)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
