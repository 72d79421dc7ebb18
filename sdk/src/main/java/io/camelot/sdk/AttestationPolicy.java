package io.camelot.sdk;

import io.camelot.attestation.AppraisalPolicy;
import io.camelot.attestation.DcapQuoteVerifier;
import io.camelot.attestation.IasReportVerifier;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.TcbStatus;
import io.camelot.attestation.TeeKind;
import io.camelot.attestation.Verdict;
import io.camelot.attestation.VerificationContext;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The requester's attestation policy: verifies a worker's proofData (IAS report, DCAP quote with
 * collateral, or simulated quote), that its REPORT_DATA commits to the worker's verification key,
 * and that the TEE kind, status, advisories and measurements are ones the requester pinned. Fails
 * closed: simulated workers are refused unless {@link Builder#allowSimulation()}.
 */
public final class AttestationPolicy implements AttestationCheck {
    private final ProofDataVerifier verifier;
    private final AppraisalPolicy appraisal;
    private final Clock clock;
    private final Duration maxReportAge;

    private AttestationPolicy(Builder builder) {
        this.verifier = builder.verifier;
        this.appraisal = builder.appraisal.build();
        this.clock = builder.clock;
        this.maxReportAge = builder.maxReportAge;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Hardware TEEs only, UpToDate only, no debug enclaves, no simulation. */
    public static AttestationPolicy strict() {
        return builder().build();
    }

    public boolean allowsSimulation() {
        return appraisal.allowsSimulation();
    }

    @Override
    public void check(String workerId, WorkerRecord record) {
        Verdict verdict = appraise(record);
        if (!verdict.valid()) {
            throw new WorkerVerificationException(
                    "Worker " + workerId + " failed attestation (" + verdict.kind() + "): " + verdict.reasonText());
        }
    }

    /** The full verdict on a worker's evidence under this policy, accepted or not. */
    public Verdict appraise(WorkerRecord record) {
        WorkerTypeData typeData = record.details().workerTypeData();
        VerificationContext context = new VerificationContext(
                clock.instant(), Objects.requireNonNullElse(typeData.verificationKey(), ""), null, maxReportAge);
        Verdict verdict = verifier.verify(typeData.proofDataType(), typeData.proofData(), context);
        return appraisal.appraise(verdict, context.at());
    }

    /** Configures an {@link AttestationPolicy}. */
    public static final class Builder {
        private final AppraisalPolicy.Builder appraisal = AppraisalPolicy.builder();
        private ProofDataVerifier verifier = new ProofDataVerifier();
        private Clock clock = Clock.systemUTC();
        private Duration maxReportAge;

        private Builder() {}

        /** Hardware kinds accepted (default: SGX EPID, SGX DCAP, TDX DCAP). */
        public Builder allowKinds(TeeKind... kinds) {
            appraisal.allowKinds(kinds);
            return this;
        }

        /**
         * Accepts SIMULATED workers (and Avalon's evidence-less simulation mode): no hardware
         * isolation.
         */
        public Builder allowSimulation() {
            appraisal.allowSimulation();
            return this;
        }

        public Builder allowDebug() {
            appraisal.allowDebug();
            return this;
        }

        /** The worst TCB status accepted (default UpToDate); IAS quote statuses are mapped onto it. */
        public Builder minimumTcbStatus(TcbStatus minimum) {
            appraisal.minimumStatus(Objects.requireNonNull(minimum, "minimum"));
            return this;
        }

        public Builder outOfDateGrace(Duration grace) {
            appraisal.outOfDateGrace(grace);
            return this;
        }

        public Builder denyAdvisories(String... advisoryIds) {
            appraisal.denyAdvisories(advisoryIds);
            return this;
        }

        public Builder allowMrEnclave(String... hex) {
            appraisal.allowMeasurement("MRENCLAVE", hex);
            return this;
        }

        public Builder allowMrSigner(String... hex) {
            appraisal.allowMeasurement("MRSIGNER", hex);
            return this;
        }

        /** Any named measurement: MRTD, RTMR0..3, or MEASUREMENT for simulated workers. */
        public Builder allowMeasurement(String name, String... hex) {
            appraisal.allowMeasurement(name, hex);
            return this;
        }

        /** Refuses IAS and simulated reports older than this. */
        public Builder maxReportAge(Duration age) {
            this.maxReportAge = age;
            return this;
        }

        /** The verification time source (default system UTC); tests pin it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Verifiers with other trust anchors than Intel's roots: for tests with a synthetic PKI. */
        public Builder verifiers(IasReportVerifier ias, DcapQuoteVerifier dcap) {
            this.verifier = new ProofDataVerifier(ias, dcap);
            return this;
        }

        public AttestationPolicy build() {
            return new AttestationPolicy(this);
        }
    }
}
