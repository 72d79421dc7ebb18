package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A half-second smoke run of the harness against its own TCS; it checks the report, not speed. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchRunsAgainstItsOwnNodeAndWritesTheJsonReport() throws Exception {
        Path json = dir.resolve("report.json");
        int exit = new CommandLine(new CamelotCli())
                .execute(
                        "bench",
                        "--duration",
                        "0.5",
                        "--warmup",
                        "0",
                        "--concurrency",
                        "2",
                        "--payload",
                        "64",
                        "--ceiling-time",
                        "20",
                        "--data-dir",
                        dir.toString(),
                        "--json",
                        json.toString());

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("completed").asLong()).isPositive();
        assertThat(report.get("ceiling_wo_per_s").asDouble()).isPositive();
        assertThat(report.get("errors").size()).isZero();
        assertThat(report.get("store_bytes").asLong()).isPositive();
        for (String key : new String[] {"throughput_wo_per_s", "efficiency", "p50_ms", "p99_ms", "mode"}) {
            assertThat(report.has(key)).as(key).isTrue();
        }
        assertThat(dir.toFile().list()).containsExactly("report.json");
    }
}
