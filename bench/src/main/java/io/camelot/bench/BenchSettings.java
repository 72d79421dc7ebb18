package io.camelot.bench;

import io.camelot.sdk.EnvelopeChoice;
import java.time.Duration;
import java.util.Objects;

/**
 * What one load run does.
 *
 * @param url the listener of the TCS under test
 * @param workerId the worker every work order goes to
 * @param warmup load applied before measuring, so the JIT and connection pools settle
 * @param concurrency requesters; in the closed loop each keeps one work order in flight, in the
 *     open loop they are the client pool the paced work orders are spread over
 * @param rate work orders per second for the open loop, or 0 for the closed loop
 * @param signRequests whether requesters sign work orders (adds a signature verify on the worker)
 * @param allowSimulation whether requesters accept a SIMULATED worker (the SDK refuses one
 *     otherwise)
 * @param envelope the envelope form requesters seal in (docs/envelope.md)
 * @param callTimeout how long one work order may take from submit to verified result
 */
public record BenchSettings(
        String url,
        String workerId,
        String workload,
        Duration warmup,
        Duration duration,
        int concurrency,
        double rate,
        int payloadBytes,
        boolean signRequests,
        boolean allowSimulation,
        EnvelopeChoice envelope,
        Duration callTimeout) {

    public BenchSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(envelope, "envelope");
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive and warmup not negative");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must not be negative: " + rate);
        }
        if (payloadBytes < 1) {
            throw new IllegalArgumentException("payload must be at least 1 byte: " + payloadBytes);
        }
    }

    public boolean openLoop() {
        return rate > 0;
    }
}
