package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user mistake the CLI can spot is one line on stderr naming the command and what to do: exit
 * 2 for usage and configuration, 1 for the environment; a stack trace only with --verbose.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    record Run(int exit, String err) {
        /** The one line printed, after checking it is the only one and no stack frame. */
        String line() {
            assertThat(err.lines()).hasSize(1);
            assertThat(err).doesNotContain("\tat ");
            return err.strip();
        }

        /** The command exited with {@code exit} after printing only {@code line}. */
        void assertFails(int exit, String line) {
            assertThat(line()).isEqualTo(line);
            assertThat(exit()).isEqualTo(exit);
        }
    }

    static Run camelot(String... args) {
        StringWriter err = new StringWriter();
        int exit = CamelotCli.commandLine().setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, err.toString());
    }

    @Test
    void aUrlWithoutSchemeSaysWhatToWrite() {
        camelot("submit", "--url", "127.0.0.1:1947", "hi")
                .assertFails(2, "camelot submit: --url 127.0.0.1:1947 has no scheme; use http://127.0.0.1:1947");
    }

    @Test
    void everyUrlOptionWantsAScheme() {
        String url = "--url localhost:1947 has no scheme; use http://localhost:1947";
        assertThat(camelot("workers", "--url", "localhost:1947").line()).isEqualTo("camelot workers: " + url);
        assertThat(camelot("bench", "--url", "localhost:1947").line()).isEqualTo("camelot bench: " + url);
        assertThat(camelot(
                                "operator",
                                "call",
                                "--url",
                                "localhost:1947",
                                "--key",
                                "k.pem",
                                "--method",
                                "WorkerSetStatus")
                        .line())
                .isEqualTo("camelot operator call: " + url);
        Run rpc = camelot("submit", "--ethereum-rpc", "localhost:8545", "hi");
        assertThat(rpc.line())
                .isEqualTo("camelot submit: --ethereum-rpc localhost:8545 has no scheme; use http://localhost:8545");
        assertThat(rpc.exit()).isEqualTo(2);
    }

    @Test
    void aSubmitThroughFabricWithMissingSettingsIsOneUsageLine() throws IOException {
        camelot("submit", "--fabric-peer", "127.0.0.1:7051", "hi")
                .assertFails(2, "camelot submit: Fabric needs --fabric-tls-ca (or --fabric-env)");
        camelot("submit", "--fabric-identity", "ADMIN", "hi")
                .assertFails(2, "camelot submit: --fabric-identity needs --fabric-env");
        Path missing = dir.resolve("network.env");
        camelot("submit", "--fabric-env", missing.toString(), "hi")
                .assertFails(2, "camelot submit: cannot read --fabric-env " + missing + ": no such file " + missing);
        Files.writeString(missing, "FABRIC_PEER_ENDPOINT=127.0.0.1:7051\n");
        camelot("submit", "--fabric-env", missing.toString(), "--fabric-identity", "root", "hi")
                .assertFails(2, "camelot submit: --fabric-env: the Fabric identity is ADMIN or USER, not root");
        camelot("submit", "--fabric-env", missing.toString(), "hi")
                .assertFails(2, "camelot submit: --fabric-env: " + missing + " has no FABRIC_PEER_TLS_CA");
        Files.writeString(
                missing,
                String.join(
                        "\n",
                        "FABRIC_PEER_ENDPOINT=127.0.0.1:7051",
                        "FABRIC_PEER_TLS_CA=" + dir.resolve("ca.pem"),
                        "FABRIC_MSP_ID=Org1MSP",
                        "FABRIC_USER_CERT=" + dir.resolve("cert.pem"),
                        "FABRIC_USER_KEY=" + dir.resolve("key.pem"),
                        "FABRIC_CHANNEL=camelot"));
        camelot("submit", "--fabric-env", missing.toString(), "hi")
                .assertFails(2, "camelot submit: Fabric: no such file " + dir.resolve("cert.pem"));
        camelot("fabric-bridge").assertFails(2, "camelot fabric-bridge: Fabric needs --fabric-peer (or --fabric-env)");
        camelot("fabric-bridge", "--fabric-env", missing.toString())
                .assertFails(2, "camelot fabric-bridge: --fabric-env: " + missing + " has no FABRIC_ADMIN_CERT");
        camelot("submit", "--fabric-env", missing.toString(), "--ethereum-rpc", "http://127.0.0.1:8545", "hi")
                .assertFails(
                        2, "camelot submit: submit through Ethereum (--ethereum-rpc) or Fabric (--fabric-*), not both");
    }

    @Test
    void aFailOnThatIsNoRegexIsOneUsageLine() {
        camelot("submit", "--fail-on", "RESULT: (", "hi")
                .assertFails(
                        2,
                        "camelot submit: --fail-on RESULT: ( is not a regular expression: Unclosed group at"
                                + " index 9");
    }

    @Test
    void anUnknownOptionIsOneLinePointingAtHelp() {
        camelot("serve", "--bogus")
                .assertFails(2, "camelot serve: Unknown option: '--bogus' (see camelot serve --help)");
    }

    @Test
    void aFailedSubmitIsOneRuntimeLine() {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        Run run = camelot("submit", "--url", "http://127.0.0.1:9", "--timeout", "5", "hi");

        assertThat(run.line()).startsWith("camelot submit: ");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void anUnexpectedFailureIsOneLineWithItsCausesAndTheVerboseHint() throws IOException {
        // Nothing listens on port 9: the store's own failure, not a mistake the CLI checks for.
        Path file = Files.writeString(
                dir.resolve("pg.toml"), "[store]\nbackend = \"postgres\"\nurl = \"jdbc:postgresql://127.0.0.1:9/x\"\n");

        Run run = camelot("listener", "--config", file.toString(), "--port", "0", "--admin-port", "0");

        assertThat(run.line())
                .startsWith("camelot listener: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:9/x")
                .endsWith(" (run with --verbose for the stack trace)");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void verbosePrintsTheStackTraceToo() {
        Run run = camelot("submit", "--verbose", "--url", "127.0.0.1:1947", "hi");

        assertThat(run.err()).contains("at io.camelot.server.SubmitCommand");
        assertThat(run.err().strip().lines().toList().getLast())
                .isEqualTo("camelot submit: --url 127.0.0.1:1947 has no scheme; use http://127.0.0.1:1947");
        assertThat(run.exit()).isEqualTo(2);
    }

    @Test
    void aBusyListenerPortNamesThePortAndTheOption() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            camelot(
                            "serve",
                            "--port",
                            String.valueOf(other.getLocalPort()),
                            "--admin-port",
                            "0",
                            "--data-dir",
                            dir.resolve("data").toString())
                    .assertFails(
                            1,
                            "camelot serve: port "
                                    + other.getLocalPort()
                                    + " on 127.0.0.1 is in use; stop the other process or pass --port");
        }
        assertThat(dir.resolve("data")).as("nothing opened before the check").doesNotExist();
    }

    @Test
    void aBusyAdminPortNamesTheAdminOption() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            camelot(
                            "serve",
                            "--port",
                            "0",
                            "--admin-port",
                            String.valueOf(other.getLocalPort()),
                            "--data-dir",
                            dir.resolve("data").toString())
                    .assertFails(
                            1,
                            "camelot serve: port "
                                    + other.getLocalPort()
                                    + " on 127.0.0.1 is in use; stop the other process or pass --admin-port");
        }
    }

    @Test
    void aScaleOutListenerChecksItsPortBeforeOpeningTheSharedStore() throws IOException {
        // Were the store opened first, the unreachable PostgreSQL would be the error.
        Path file = Files.writeString(
                dir.resolve("pg.toml"), "[store]\nbackend = \"postgres\"\nurl = \"jdbc:postgresql://127.0.0.1:9/x\"\n");
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            camelot(
                            "listener",
                            "--config",
                            file.toString(),
                            "--port",
                            String.valueOf(other.getLocalPort()),
                            "--admin-port",
                            "0")
                    .assertFails(
                            1,
                            "camelot listener: port "
                                    + other.getLocalPort()
                                    + " on 127.0.0.1 is in use; stop the other process or pass --port");
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        camelot("serve", "--port", "70000")
                .assertFails(2, "camelot serve: --port 70000 is not a port; use 0..65535 (0 picks a free one)");
    }

    @Test
    void aDataDirectoryThatIsAFileIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "");

        camelot("serve", "--port", "0", "--admin-port", "0", "--data-dir", file.toString())
                .assertFails(
                        1,
                        "camelot serve: cannot use data directory "
                                + file
                                + ": it is a file, not a directory; fix it or pass --data-dir");
    }

    @Test
    void aMissingConfigFileIsOneLine() {
        Path missing = dir.resolve("missing.toml");

        camelot("serve", "--config", missing.toString())
                .assertFails(2, "camelot serve: configuration file " + missing + " does not exist");
    }

    @Test
    void aConfigErrorNamesFileLineSectionAndKey() throws IOException {
        Path file = Files.writeString(dir.resolve("camelot.toml"), "[listener]\nport = \"20020\"\n");

        camelot("serve", "--config", file.toString())
                .assertFails(
                        2,
                        "camelot serve: invalid configuration "
                                + file
                                + ": line 2: [listener] port: expected an integer, not \"20020\"");
    }

    @Test
    void aConfigValueOutOfRangeIsCaughtBeforeStartUp() throws IOException {
        Path file = Files.writeString(dir.resolve("camelot.toml"), "[worker]\nconcurrency = -1\n");

        camelot(
                        "serve",
                        "--config",
                        file.toString(),
                        "--data-dir",
                        dir.resolve("data").toString())
                .assertFails(
                        2,
                        "camelot serve: invalid configuration "
                                + file
                                + ": line 2: [worker] concurrency: must be >= 1, not -1");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
