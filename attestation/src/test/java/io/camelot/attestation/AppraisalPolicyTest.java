package io.camelot.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Policy over verdicts of genuine evidence. */
class AppraisalPolicyTest {
    private static final Instant SGX_AT = Instant.parse("2025-06-20T00:00:00Z");

    private static Verdict sgxV3() throws Exception {
        return GenuineEvidenceTest.verifyDcap("dcap/sgx-v3", "dcap/sgx-v3/collateral-2025-06", SGX_AT);
    }

    @Test
    void theDefaultPolicyWantsUpToDateHardware() throws Exception {
        Verdict verdict = AppraisalPolicy.builder().build().appraise(sgxV3(), SGX_AT);
        assertThat(verdict.failure()).isEqualTo(FailureReason.TCB_STATUS_NOT_ALLOWED);
    }

    @Test
    void aLowerMinimumAcceptsButDenyListsAndAllowListsStillApply() throws Exception {
        AppraisalPolicy.Builder base =
                AppraisalPolicy.builder().minimumStatus(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(base.build().appraise(sgxV3(), SGX_AT).valid()).isTrue();
        assertThat(AppraisalPolicy.builder()
                        .minimumStatus(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED)
                        .denyAdvisories("INTEL-SA-00615")
                        .build()
                        .appraise(sgxV3(), SGX_AT)
                        .failure())
                .isEqualTo(FailureReason.ADVISORY_DENIED);
        assertThat(AppraisalPolicy.builder()
                        .minimumStatus(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED)
                        .allowMeasurement("MRENCLAVE", "00".repeat(32))
                        .build()
                        .appraise(sgxV3(), SGX_AT)
                        .failure())
                .isEqualTo(FailureReason.MEASUREMENT_NOT_ALLOWED);
        assertThat(AppraisalPolicy.builder()
                        .minimumStatus(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED)
                        .allowMeasurement(
                                "MRSIGNER", "815F42F11CF64430C30BAB7816BA596A1DA0130C3B028B673133A66CF9A3E0E6")
                        .build()
                        .appraise(sgxV3(), SGX_AT)
                        .valid())
                .isTrue();
        assertThat(AppraisalPolicy.builder()
                        .minimumStatus(TcbStatus.REVOKED)
                        .allowKinds(TeeKind.TDX_DCAP)
                        .build()
                        .appraise(sgxV3(), SGX_AT)
                        .failure())
                .isEqualTo(FailureReason.KIND_NOT_ALLOWED);
    }

    @Test
    void outOfDatePlatformsAreAcceptedOnlyWithinTheGracePeriod() throws Exception {
        Instant at = Instant.parse("2025-02-13T04:00:32Z");
        Verdict outOfDate = GenuineEvidenceTest.verifyDcap("dcap/sgx-v3-outofdate", "dcap/sgx-v3-outofdate", at);
        assertThat(outOfDate.outdatedSince()).isNotNull().isBefore(at);
        Duration sinceOutdated = Duration.between(outOfDate.outdatedSince(), at);
        assertThat(AppraisalPolicy.builder()
                        .outOfDateGrace(sinceOutdated.plusDays(1))
                        .build()
                        .appraise(outOfDate, at)
                        .valid())
                .isTrue();
        assertThat(AppraisalPolicy.builder()
                        .outOfDateGrace(sinceOutdated.minusDays(1))
                        .build()
                        .appraise(outOfDate, at)
                        .failure())
                .isEqualTo(FailureReason.TCB_STATUS_NOT_ALLOWED);
    }

    @Test
    void debugEnclavesNeedExplicitPermission() {
        Instant at = Instant.parse("2019-11-17T00:00:00Z");
        Verdict avr1 = GenuineEvidenceTest.verifyIas("avr1", VerificationContext.at(at));
        assertThat(AppraisalPolicy.builder().build().appraise(avr1, at).failure())
                .isEqualTo(FailureReason.DEBUG_NOT_ALLOWED);
        assertThat(AppraisalPolicy.builder()
                        .allowDebug()
                        .build()
                        .appraise(avr1, at)
                        .valid())
                .isTrue();
    }

    @Test
    void simulationIsRefusedUnlessAllowed() {
        Verdict empty = new ProofDataVerifier().verify("", "", VerificationContext.at(SGX_AT));
        assertThat(empty.failure()).isEqualTo(FailureReason.NO_EVIDENCE);
        assertThat(AppraisalPolicy.builder().build().appraise(empty, SGX_AT).failure())
                .isEqualTo(FailureReason.SIMULATION_NOT_ALLOWED);
        assertThat(AppraisalPolicy.builder()
                        .allowSimulation()
                        .build()
                        .appraise(empty, SGX_AT)
                        .valid())
                .isTrue();
    }
}
