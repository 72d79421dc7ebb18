package io.camelot.listener;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.EnvelopeVersion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which envelope forms a listener admits, and how many of each it saw (docs/envelope.md). An
 * operator whose requesters all use Camelot's SDK refuses Avalon's legacy form and, with it, the
 * flaws it cannot fix (security review C1, H1, M4, L10).
 */
public final class EnvelopeAdmission {
    private final boolean refuseLegacy;
    private final Map<EnvelopeVersion, Counter> admitted = new EnumMap<>(EnvelopeVersion.class);
    private final Map<EnvelopeVersion, Counter> refused = new EnumMap<>(EnvelopeVersion.class);

    public EnvelopeAdmission(boolean refuseLegacy, MeterRegistry meters) {
        this.refuseLegacy = refuseLegacy;
        for (EnvelopeVersion version : EnvelopeVersion.values()) {
            admitted.put(version, counter(meters, version, "admitted"));
            refused.put(version, counter(meters, version, "refused"));
        }
    }

    /**
     * Counts the request's form and refuses Avalon's when the operator said so.
     *
     * @throws EeaException code 2 naming the setting, for a refused legacy request
     */
    public void admit(EnvelopeVersion version) {
        if (refuseLegacy && version == EnvelopeVersion.AVALON_1) {
            refused.get(version).increment();
            throw EeaException.invalidParameter(
                    "This TCS refuses Avalon's legacy work order envelope ([security] legacy_envelope = \"refuse\");"
                            + " seal the request in the hardened camelot-2 form (docs/envelope.md)");
        }
        admitted.get(version).increment();
    }

    private static Counter counter(MeterRegistry meters, EnvelopeVersion version, String outcome) {
        return Counter.builder("camelot.work_order.envelopes")
                .description(
                        "WorkOrderSubmit requests by envelope form (avalon-1 legacy, camelot-2 hardened) and admission")
                .tag("envelope", version.label())
                .tag("outcome", outcome)
                .register(meters);
    }
}
