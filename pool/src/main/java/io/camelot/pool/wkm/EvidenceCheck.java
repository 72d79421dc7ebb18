package io.camelot.pool.wkm;

import io.camelot.attestation.AppraisalPolicy;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.TeeKind;
import io.camelot.attestation.Verdict;
import io.camelot.attestation.VerificationContext;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.hash.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies another instance's attestation info with the attestation module: the evidence itself,
 * that REPORT_DATA commits to the instance's keys and to what it must be bound to, and the policy
 * (measurement allow-list, simulation).
 */
final class EvidenceCheck {
    private static final Duration MAX_EVIDENCE_AGE = Duration.ofMinutes(10);

    private final ProofDataVerifier verifier;
    private final Clock clock;
    private final AppraisalPolicy policy;

    EvidenceCheck(ProofDataVerifier verifier, Clock clock, AppraisalPolicy policy) {
        this.verifier = verifier;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * Admits instances on a TEE of {@code kind} (simulated ones only when that is simulated too)
     * whose measurement is one of {@code allowed}.
     */
    static EvidenceCheck forMeasurements(ProofDataVerifier verifier, Clock clock, TeeKind kind, List<String> allowed) {
        AppraisalPolicy.Builder builder = AppraisalPolicy.builder();
        if (kind == TeeKind.SIMULATED) {
            builder.allowSimulation();
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("a WKM needs at least one allowed measurement");
        }
        String measurementName = kind == TeeKind.SIMULATED ? "MEASUREMENT" : "MRENCLAVE";
        return new EvidenceCheck(
                verifier,
                clock,
                builder.allowMeasurement(measurementName, allowed.toArray(String[]::new))
                        .build());
    }

    /**
     * @return the accepted verdict
     * @throws EeaException {@link PoolApi#NOT_ADMITTED} naming the failed check
     */
    Verdict require(AttestationInfo info, byte[] bound, String who) {
        return require(info, List.of(bound), who, "the expected random id or digest");
    }

    /**
     * As {@link #require(AttestationInfo, byte[], String)}, for evidence bound to any one of {@code
     * bounds}, which {@code expected} describes in the refusal.
     */
    Verdict require(AttestationInfo info, List<byte[]> bounds, String who, String expected) {
        if (info == null || info.verificationKey() == null || info.encryptionKey() == null) {
            throw new EeaException(PoolApi.NOT_ADMITTED, who + " sent no attestation info");
        }
        VerificationContext context = VerificationContext.at(clock.instant())
                .boundTo(AttestationInfo.keyBinding(info.verificationKey(), info.encryptionKey()))
                .withMaxReportAge(MAX_EVIDENCE_AGE);
        Verdict verdict =
                policy.appraise(verifier.verify(info.proofDataType(), info.proofData(), context), context.at());
        if (!verdict.valid()) {
            throw new EeaException(PoolApi.NOT_ADMITTED, who + " refused: " + verdict.reasonText());
        }
        byte[] reportData = HexFormat.of().parseHex(verdict.reportData());
        byte[] carried = Arrays.copyOfRange(reportData, 32, 64);
        if (bounds.stream().noneMatch(bound -> Arrays.equals(carried, Sha256.digest(bound)))) {
            throw new EeaException(PoolApi.NOT_ADMITTED, who + " refused: REPORT_DATA does not carry " + expected);
        }
        return verdict;
    }
}
