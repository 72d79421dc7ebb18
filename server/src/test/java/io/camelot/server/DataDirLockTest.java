package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.server.config.WorkloadsSection;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One owner per data directory: a second TCS on a directory in use is refused before it opens the
 * store, keys or ports, names the holder, and leaves the first serving; once the owner is gone
 * (closed, or SIGKILLed: the OS drops the lock) the directory can be used again.
 */
class DataDirLockTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @RegisterExtension
    final CamelotProcesses processes = new CamelotProcesses();

    CamelotConfig config() {
        return TestConfigs.loopback(dataDir).build();
    }

    static String echo(TcsNode node, String input) {
        try (DirectTcsClient client = DirectTcsClient.create(node.url("127.0.0.1"))) {
            Requester requester = Requester.builder(client).allowSimulation().build();
            return requester
                    .newWorkOrder(requester.worker(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME)), "echo-result")
                    .input(input)
                    .submit()
                    .await(Duration.ofSeconds(60))
                    .text(0);
        }
    }

    static String refusal(long pid, Path dir) {
        return "data directory "
                + Pattern.quote(dir.toAbsolutePath().toString())
                + " is in use by pid "
                + pid
                + " \\(camelot serve, since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\); stop it or use another --data-dir";
    }

    @Test
    void aSecondNodeOnTheDirectoryIsRefusedAndTheFirstKeepsServing() {
        try (TcsNode node = TcsNode.start(config())) {
            assertThatThrownBy(() -> TcsNode.start(config()))
                    .isInstanceOf(DataDirLock.InUseException.class)
                    .message()
                    .matches(refusal(ProcessHandle.current().pid(), dataDir));
            assertThat(echo(node, "still mine")).isEqualTo("RESULT: still mine");
        }
        try (TcsNode next = TcsNode.start(config())) {
            assertThat(echo(next, "next owner")).isEqualTo("RESULT: next owner");
        }
    }

    @Test
    void aStartThatFailsAfterOpeningTheStoreReleasesTheDirectory() {
        // The worker's workloads fail after the lock, store, Vert.x and queue are open.
        Path missing = logs.resolve("missing.wasm");
        CamelotConfig broken = TestConfigs.loopback(dataDir)
                .workloads(WorkloadsSection.builder()
                        .modules(List.of(new WorkloadsSection.Module("missing", missing.toString(), "00".repeat(32))))
                        .build())
                .build();
        assertThatThrownBy(() -> TcsNode.start(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read WASM module missing");
        try (TcsNode next = TcsNode.start(config())) {
            assertThat(echo(next, "after a failed start")).isEqualTo("RESULT: after a failed start");
        }
    }

    @Test
    void aLockFileLeftBehindDoesNotBlockAndTheHolderIsNamed() throws IOException {
        Files.writeString(
                dataDir.resolve(DataDirLock.FILE), "pid=1\ncommand=camelot serve\nsince=2020-01-01T00:00:00Z\n");
        try (DataDirLock lock = DataDirLock.acquire(dataDir, "camelot wkm")) {
            assertThat(Files.readString(dataDir.resolve(DataDirLock.FILE)))
                    .startsWith("pid=" + ProcessHandle.current().pid() + "\ncommand=camelot wkm\nsince=");
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir.resolve("."), "camelot wkm"))
                    .hasMessageContaining(
                            "is in use by pid " + ProcessHandle.current().pid() + " (camelot wkm, since ");
        }
        DataDirLock.acquire(dataDir, "camelot wkm").close();
    }

    @Test
    void aWkmOnADirectoryInUseExitsWithOneLineBeforeReadingAnything() {
        StringWriter err = new StringWriter();
        try (DataDirLock held = DataDirLock.acquire(dataDir, "camelot wkm")) {
            int exit = CamelotCli.commandLine()
                    .setErr(new PrintWriter(err, true))
                    .execute(
                            "wkm",
                            "--data-dir",
                            dataDir.toString(),
                            "--generate-keys",
                            "--signing-key",
                            "absent.pem",
                            "--peer-keys",
                            "absent.pem");
            assertThat(exit).isEqualTo(1);
        }
        assertThat(err.toString().lines().toList())
                .singleElement(STRING)
                .startsWith("camelot wkm: data directory "
                        + dataDir.toAbsolutePath()
                        + " is in use by pid "
                        + ProcessHandle.current().pid()
                        + " (camelot wkm, since ");
        assertThat(dataDir.resolve("pool-keys.sealed")).doesNotExist();
    }

    Process serve(String name, int port) throws IOException {
        return processes.start(CamelotProcesses.serveCommand(dataDir, port)
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectError(logs.resolve(name + ".err").toFile()));
    }

    @Test
    void aSecondServeProcessExitsWithOneLineAndASigkilledOwnerFreesTheDirectory() throws Exception {
        int port = RestartTest.freePort();
        Process first = serve("first", port);
        try (DirectTcsClient client = DirectTcsClient.create("http://127.0.0.1:" + port)) {
            RestartTest.awaitWorker(Requester.builder(client).allowSimulation().build());
        }

        Process second = serve("second", RestartTest.freePort());
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(logs.resolve("second.err"), StandardCharsets.UTF_8))
                .singleElement(STRING)
                .matches("camelot serve: " + refusal(first.pid(), dataDir));
        assertThat(first.isAlive()).isTrue();

        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        first = serve("third", port);
        try (DirectTcsClient client = DirectTcsClient.create("http://127.0.0.1:" + port)) {
            RestartTest.awaitWorker(Requester.builder(client).allowSimulation().build());
        }
    }
}
