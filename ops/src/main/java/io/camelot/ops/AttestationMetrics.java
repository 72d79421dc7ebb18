package io.camelot.ops;

import io.camelot.attestation.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts attestation verifications by result, for every process that verifies evidence. */
public final class AttestationMetrics {
    private AttestationMetrics() {}

    /** Counts one verification: {@code result} is {@code valid} or the failure reason. */
    public static void record(MeterRegistry registry, Verdict verdict) {
        Counter.builder("camelot.attestation.verifications")
                .description("Attestation evidence verifications by TEE kind and result (valid or the failure reason)")
                .tag("kind", verdict.kind() == null ? "unknown" : verdict.kind().name())
                .tag("result", verdict.valid() ? "valid" : verdict.failure().name())
                .register(registry)
                .increment();
    }
}
