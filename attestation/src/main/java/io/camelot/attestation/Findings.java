package io.camelot.attestation;

import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a verifier has learnt so far, so a failed verdict still reports it. */
final class Findings {
    final TeeKind kind;
    String tcbStatusName;
    TcbStatus tcbStatus;
    final Set<String> advisoryIds = new LinkedHashSet<>();
    final Map<String, String> measurements = new LinkedHashMap<>();
    boolean debug;
    byte[] reportData;
    Verdict.KeyBinding keyBinding = Verdict.KeyBinding.NOT_CHECKED;
    Instant evidenceTime;
    Instant outdatedSince;

    Findings(TeeKind kind) {
        this.kind = kind;
    }

    void measurement(String name, byte[] value) {
        measurements.put(name, HexFormat.of().formatHex(value));
    }

    Verdict valid() {
        return verdict(null, null);
    }

    Verdict failed(VerificationException e) {
        return verdict(e.reason(), e.getMessage());
    }

    private Verdict verdict(FailureReason failure, String detail) {
        return new Verdict(
                kind,
                failure,
                detail,
                tcbStatusName,
                tcbStatus,
                List.copyOf(advisoryIds),
                Collections.unmodifiableMap(new LinkedHashMap<>(measurements)),
                debug,
                reportData == null ? null : HexFormat.of().formatHex(reportData),
                keyBinding,
                evidenceTime,
                outdatedSince);
    }
}
