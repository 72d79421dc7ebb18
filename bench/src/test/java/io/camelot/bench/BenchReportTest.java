package io.camelot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.camelot.bench.CryptoCost.Side;
import io.camelot.bench.CryptoCost.StepCost;
import io.camelot.sdk.EnvelopeChoice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final BenchSettings SETTINGS = new BenchSettings(
            "http://127.0.0.1:1947",
            "00",
            "echo-result",
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            8,
            0,
            1024,
            false,
            true,
            EnvelopeChoice.HARDENED_IF_OFFERED,
            Duration.ofSeconds(10));

    // 3 ms of server crypto and 0.5 ms of client crypto per work order.
    private static final CryptoCost CRYPTO = new CryptoCost(
            "test", 1024, List.of(new StepCost("unwrap", Side.SERVER, 3000), new StepCost("wrap", Side.CLIENT, 500)));

    // 1 000 work orders in 10 s on 5 s of CPU: 5 ms of CPU per work order, over this process and 3 children.
    private static final LoadResult LOAD =
            new LoadResult(1_000, 10, 5, 4, new Histogram(3), Map.of(), Map.of(), List.of());

    private static BenchReport report(boolean clientSharesCores) {
        return new BenchReport(SETTINGS, CRYPTO, LOAD, 2, clientSharesCores, "sync", -1, 0);
    }

    @Test
    void overheadIsProcessCpuBeyondBothSidesCryptoAndIsReported() {
        BenchReport report = report(true);

        assertThat(report.overheadMillisPerWorkOrder()).isCloseTo(1.5, within(1e-9));
        assertThat(report.json().get("overhead_ms_per_wo").asDouble()).isCloseTo(1.5, within(1e-9));
        assertThat(report.json().get("processes_measured").asInt()).isEqualTo(4);
        assertThat(report.table())
                .contains("overhead per WO              1.50 ms")
                .contains("this process and 3 it started");
    }

    @Test
    void againstARemoteTcsNoOverheadIsReportedAsOnlyTheClientsCpuWasMeasured() {
        BenchReport report = report(false);

        assertThat(report.json().has("overhead_ms_per_wo")).isFalse();
        assertThat(report.table()).doesNotContain("overhead per WO");
    }

    @Test
    void processTreeCpuCountsEachProcessFromItsOwnStartAndNewProcessesFromZero() {
        double seconds = ProcessTreeCpu.secondsBetween(
                Map.of(1L, 1_000_000_000L, 2L, 500_000_000L),
                Map.of(1L, 3_000_000_000L, 2L, 1_000_000_000L, 3L, 250_000_000L));

        assertThat(seconds).isCloseTo(2.75, within(1e-9));
    }
}
