package io.camelot.attestation;

import java.util.Locale;

/**
 * A TCB status as Intel's PCS spells it, best first. IAS quote statuses map onto it so one "minimum
 * status" policy covers both EPID and DCAP.
 */
public enum TcbStatus {
    UP_TO_DATE("UpToDate"),
    SW_HARDENING_NEEDED("SWHardeningNeeded"),
    CONFIGURATION_NEEDED("ConfigurationNeeded"),
    CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
    OUT_OF_DATE("OutOfDate"),
    OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
    REVOKED("Revoked");

    private final String intelName;

    TcbStatus(String intelName) {
        this.intelName = intelName;
    }

    public String intelName() {
        return intelName;
    }

    /** True if this status is at least as good as {@code minimum}. */
    public boolean atLeast(TcbStatus minimum) {
        return ordinal() <= minimum.ordinal();
    }

    /** Parses Intel's spelling, or this enum's constant name. */
    public static TcbStatus parse(String name) {
        for (TcbStatus status : values()) {
            if (status.intelName.equals(name) || status.name().equals(name.toUpperCase(Locale.ROOT))) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown TCB status " + name);
    }

    /**
     * The DCAP equivalent of an IAS isvEnclaveQuoteStatus; REVOKED for statuses that mean "invalid".
     */
    public static TcbStatus ofIasQuoteStatus(String quoteStatus) {
        return switch (quoteStatus) {
            case "OK" -> UP_TO_DATE;
            case "SW_HARDENING_NEEDED" -> SW_HARDENING_NEEDED;
            case "CONFIGURATION_NEEDED" -> CONFIGURATION_NEEDED;
            case "CONFIGURATION_AND_SW_HARDENING_NEEDED" -> CONFIGURATION_AND_SW_HARDENING_NEEDED;
            case "GROUP_OUT_OF_DATE" -> OUT_OF_DATE;
            default -> REVOKED;
        };
    }

    /**
     * The status of a platform whose components have these two statuses: an out-of-date component
     * makes the whole out of date, keeping any configuration need.
     */
    public TcbStatus combine(TcbStatus other) {
        if (this == REVOKED || other == REVOKED) {
            return REVOKED;
        }
        boolean outOfDate = isOutOfDate() || other.isOutOfDate();
        boolean configuration = needsConfiguration() || other.needsConfiguration();
        boolean hardening = needsHardening() || other.needsHardening();
        if (outOfDate) {
            return configuration ? OUT_OF_DATE_CONFIGURATION_NEEDED : OUT_OF_DATE;
        }
        if (configuration) {
            return hardening ? CONFIGURATION_AND_SW_HARDENING_NEEDED : CONFIGURATION_NEEDED;
        }
        return hardening ? SW_HARDENING_NEEDED : UP_TO_DATE;
    }

    private boolean isOutOfDate() {
        return this == OUT_OF_DATE || this == OUT_OF_DATE_CONFIGURATION_NEEDED;
    }

    private boolean needsConfiguration() {
        return this == CONFIGURATION_NEEDED
                || this == CONFIGURATION_AND_SW_HARDENING_NEEDED
                || this == OUT_OF_DATE_CONFIGURATION_NEEDED;
    }

    private boolean needsHardening() {
        return this == SW_HARDENING_NEEDED || this == CONFIGURATION_AND_SW_HARDENING_NEEDED;
    }
}
