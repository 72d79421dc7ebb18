package io.camelot.attestation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of verifying one piece of evidence, whether it passed or not: what was learnt about
 * the TEE, and the first check that failed.
 *
 * @param failure null when signatures, chains, bindings and collateral all check out
 * @param tcbStatusName the status exactly as Intel spells it (DCAP TCB status or IAS
 *     isvEnclaveQuoteStatus); null if not reached
 * @param tcbStatus {@code tcbStatusName} on one scale for EPID and DCAP; null if not reached
 * @param measurements named hex measurements (MRENCLAVE, MRSIGNER, MRTD, ...), in quote order
 * @param reportData the 64-byte REPORT_DATA in hex; null if not reached
 * @param evidenceTime when the evidence was produced, if it says (IAS and simulated reports)
 * @param outdatedSince for a DCAP platform that is not up to date, the date of the TCB level just
 *     above it: when it fell behind (policies measure grace periods from here)
 */
public record Verdict(
        TeeKind kind,
        FailureReason failure,
        String detail,
        String tcbStatusName,
        TcbStatus tcbStatus,
        List<String> advisoryIds,
        Map<String, String> measurements,
        boolean debug,
        String reportData,
        KeyBinding keyBinding,
        Instant evidenceTime,
        Instant outdatedSince) {

    /** Whether REPORT_DATA was checked against the worker's verification key. */
    public enum KeyBinding {
        BOUND,
        NOT_CHECKED,
        MISMATCH
    }

    public boolean valid() {
        return failure == null;
    }

    /** "reason: detail" for humans, or "valid". */
    public String reasonText() {
        return failure == null ? "valid" : failure.name() + ": " + detail;
    }

    /**
     * This verdict with another outcome, keeping everything that was learnt; null reason accepts it.
     */
    public Verdict withFailure(FailureReason reason, String why) {
        return new Verdict(
                kind,
                reason,
                why,
                tcbStatusName,
                tcbStatus,
                advisoryIds,
                measurements,
                debug,
                reportData,
                keyBinding,
                evidenceTime,
                outdatedSince);
    }
}
