package io.camelot.attestation;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges verified evidence: which TEE kinds, statuses, advisories and measurements are acceptable.
 * Fails closed: simulated evidence, debug enclaves and any status below UpToDate are refused unless
 * allowed explicitly.
 */
public final class AppraisalPolicy {
    private final Set<TeeKind> kinds;
    private final boolean allowSimulation;
    private final boolean allowDebug;
    private final TcbStatus minimumStatus;
    private final Duration outOfDateGrace;
    private final Set<String> deniedAdvisories;
    private final Map<String, Set<String>> allowedMeasurements;

    private AppraisalPolicy(Builder builder) {
        this.kinds = EnumSet.copyOf(builder.kinds);
        this.allowSimulation = builder.allowSimulation;
        this.allowDebug = builder.allowDebug;
        this.minimumStatus = builder.minimumStatus;
        this.outOfDateGrace = builder.outOfDateGrace;
        this.deniedAdvisories = Set.copyOf(builder.deniedAdvisories);
        Map<String, Set<String>> measurements = new HashMap<>();
        builder.allowedMeasurements.forEach((name, values) -> measurements.put(name, Set.copyOf(values)));
        this.allowedMeasurements = Map.copyOf(measurements);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean allowsSimulation() {
        return allowSimulation;
    }

    /**
     * The verdict unchanged if the policy accepts it, else refused with the policy's reason. An
     * unverified verdict stays refused, except that a policy allowing simulation also accepts a
     * worker with no evidence at all (Avalon's simulation mode), which proves no less.
     */
    public Verdict appraise(Verdict verdict, Instant at) {
        if (verdict.kind() == TeeKind.SIMULATED) {
            if (!allowSimulation) {
                return verdict.valid() || verdict.failure() == FailureReason.NO_EVIDENCE
                        ? verdict.withFailure(FailureReason.SIMULATION_NOT_ALLOWED, "the worker's TEE is SIMULATED")
                        : verdict;
            }
            if (verdict.failure() == FailureReason.NO_EVIDENCE) {
                return verdict.withFailure(null, null);
            }
        } else if (verdict.valid() && !kinds.contains(verdict.kind())) {
            return verdict.withFailure(FailureReason.KIND_NOT_ALLOWED, verdict.kind() + " is not among " + kinds);
        }
        if (!verdict.valid()) {
            return verdict;
        }
        if (verdict.debug() && !allowDebug) {
            return verdict.withFailure(FailureReason.DEBUG_NOT_ALLOWED, "the enclave runs in debug mode");
        }
        if (verdict.kind() != TeeKind.SIMULATED && !statusAccepted(verdict, at)) {
            return verdict.withFailure(
                    FailureReason.TCB_STATUS_NOT_ALLOWED,
                    verdict.tcbStatusName()
                            + " is below the minimum "
                            + minimumStatus.intelName()
                            + (outOfDateGrace == null ? "" : " and outside the " + outOfDateGrace + " grace period"));
        }
        for (String advisory : verdict.advisoryIds()) {
            if (deniedAdvisories.contains(advisory)) {
                return verdict.withFailure(FailureReason.ADVISORY_DENIED, advisory + " is on the deny-list");
            }
        }
        for (Map.Entry<String, Set<String>> allowed : allowedMeasurements.entrySet()) {
            String actual = verdict.measurements().get(allowed.getKey());
            if (actual == null || !allowed.getValue().contains(actual)) {
                return verdict.withFailure(
                        FailureReason.MEASUREMENT_NOT_ALLOWED,
                        allowed.getKey() + " " + (actual == null ? "is absent" : actual + " is not on the allow-list"));
            }
        }
        return verdict;
    }

    private boolean statusAccepted(Verdict verdict, Instant at) {
        TcbStatus status = verdict.tcbStatus();
        if (status == null) {
            return false;
        }
        if (status.atLeast(minimumStatus)) {
            return true;
        }
        // Grace: a platform that just fell behind may keep working while its owner patches it.
        if (outOfDateGrace == null
                || verdict.outdatedSince() == null
                || !at.isBefore(verdict.outdatedSince().plus(outOfDateGrace))) {
            return false;
        }
        TcbStatus inGrace = switch (status) {
            case OUT_OF_DATE -> TcbStatus.UP_TO_DATE;
            case OUT_OF_DATE_CONFIGURATION_NEEDED -> TcbStatus.CONFIGURATION_NEEDED;
            default -> status;
        };
        return inGrace.atLeast(minimumStatus);
    }

    /** Configures an {@link AppraisalPolicy}. */
    public static final class Builder {
        private final Set<TeeKind> kinds = EnumSet.of(TeeKind.SGX_EPID, TeeKind.SGX_DCAP, TeeKind.TDX_DCAP);
        private boolean allowSimulation;
        private boolean allowDebug;
        private TcbStatus minimumStatus = TcbStatus.UP_TO_DATE;
        private Duration outOfDateGrace;
        private final Set<String> deniedAdvisories = new HashSet<>();
        private final Map<String, Set<String>> allowedMeasurements = new HashMap<>();

        private Builder() {}

        /** Hardware kinds accepted (default: EPID, SGX DCAP, TDX DCAP). Simulation is separate. */
        public Builder allowKinds(TeeKind... allowed) {
            kinds.clear();
            kinds.addAll(List.of(allowed));
            kinds.remove(TeeKind.SIMULATED);
            return this;
        }

        /** Accepts SIMULATED workers, whose evidence proves nothing about isolation. */
        public Builder allowSimulation() {
            allowSimulation = true;
            return this;
        }

        public Builder allowDebug() {
            allowDebug = true;
            return this;
        }

        /** The worst TCB (DCAP) or quote (IAS, mapped) status accepted; default UpToDate. */
        public Builder minimumStatus(TcbStatus minimum) {
            minimumStatus = minimum;
            return this;
        }

        /**
         * Accepts OutOfDate platforms for this long after the TCB level above theirs was dated, if the
         * status would otherwise meet the minimum.
         */
        public Builder outOfDateGrace(Duration grace) {
            outOfDateGrace = grace;
            return this;
        }

        public Builder denyAdvisories(String... advisoryIds) {
            deniedAdvisories.addAll(List.of(advisoryIds));
            return this;
        }

        /**
         * Requires measurement {@code name} (MRENCLAVE, MRSIGNER, MRTD, RTMR0.., MEASUREMENT for
         * simulation) to be one of {@code hexValues}; repeated calls widen the list.
         */
        public Builder allowMeasurement(String name, String... hexValues) {
            Set<String> values =
                    allowedMeasurements.computeIfAbsent(name.toUpperCase(Locale.ROOT), k -> new LinkedHashSet<>());
            for (String value : hexValues) {
                values.add(value.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        public AppraisalPolicy build() {
            return new AppraisalPolicy(this);
        }
    }
}
