package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.worker.WorkerConfig;
import io.camelot.worker.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camelot workers} names each worker, its status and type instead of printing EEA codes, and
 * with {@code --details} the workloads it runs.
 */
class WorkersCommandTest {
    @TempDir
    Path dataDir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    @Test
    void listsStatusAndTypeByName() {
        TcsNode node = tcs.start(TestConfigs.loopback(dataDir).build());
        String out = workers("--url", node.url("127.0.0.1"));
        assertThat(out)
                .contains(node.worker().workerId() + "  " + WorkerConfig.DEFAULT_NAME + " ")
                .contains("NAME")
                .contains("ACTIVE (1)")
                .contains("TEE_SGX")
                .contains("1 worker(s)")
                .doesNotContain("workloads:");
    }

    @Test
    void detailsListTheWorkloadsEachWorkerRuns() {
        TcsNode node = tcs.start(TestConfigs.loopback(dataDir).build());
        String out = workers("--url", node.url("127.0.0.1"), "--details");
        List<String> advertised =
                node.worker().record().details().workerTypeData().workloads();
        // The Java workloads it ships, plus the WASM ones the node's configuration adds.
        assertThat(advertised).containsAll(Workloads.load().names());
        assertThat(out).contains("  workloads: " + String.join(", ", advertised) + "\n");
    }

    private static String workers(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = CamelotCli.commandLine()
                    .execute(
                            Stream.concat(Stream.of("workers"), Stream.of(args)).toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCodesArePrintedAsTheyAre() {
        assertThat(WorkersCommand.statusName(4)).isEqualTo("COMPROMISED (4)");
        assertThat(WorkersCommand.statusName(9)).isEqualTo("9");
        assertThat(WorkersCommand.typeName(2)).isEqualTo("MPC");
        assertThat(WorkersCommand.typeName(null)).isEqualTo("-");
        assertThat(WorkersCommand.workloads(null)).isEqualTo("-");
    }
}
