package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands README.md and docs/getting-started.md show, run as written (in-process, with {@code
 * --url} pointing at a TCS of the test's own), and the exits of {@code camelot submit} that the
 * docs promise: an application failure matched by {@code --fail-on} and a failed work order exit 1.
 */
class DocumentedCommandsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** Subcommands that run unattended and return; serve, bench and the chain's need more. */
    private static final Set<String> RUNNABLE = Set.of("submit", "workers", "attest");

    private static final String WALLET_FAILURE = "RESULT: (?!.*::)";

    @TempDir
    Path dir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    record Run(int exit, String out, String err) {}

    /** Runs the CLI in-process, capturing System.out and both error streams. */
    static Run camelot(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(errStream);
        try {
            int exit = CamelotCli.commandLine()
                    .setErr(new PrintWriter(errStream, true))
                    .execute(args.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
    }

    @Test
    void theReadmeAndGettingStartedCommandsWorkAsWritten() throws IOException {
        String url =
                tcs.start(TestConfigs.loopback(dir.resolve("data")).build()).url("127.0.0.1");
        List<List<String>> commands = new ArrayList<>();
        for (String doc : List.of("README.md", "docs/getting-started.md")) {
            for (List<String> command : commandsIn(Files.readString(ROOT.resolve(doc)))) {
                // The chain commands need a chain: EthereumProxyModelTest and FabricProxyModelTest run them.
                if (RUNNABLE.contains(command.getFirst())
                        && !command.contains("--ethereum-rpc")
                        && !command.contains("--fabric-env")) {
                    commands.add(command);
                }
            }
        }
        assertThat(commands.stream().map(command -> command.getFirst()).distinct())
                .containsExactlyInAnyOrderElementsOf(RUNNABLE);

        for (List<String> command : commands) {
            Run run = camelot(asRun(command, url));

            assertThat(run.exit()).as("%s\n%s", command, run.err()).isZero();
            assertThat(run.out()).as("%s", command).isNotBlank();
            if (command.contains("echo-result") && command.contains("Hello")) {
                assertThat(run.out()).isEqualTo("RESULT: Hello\n");
            }
            if (command.getFirst().equals("attest")) {
                assertThat(run.out()).contains("Verdict:      ACCEPTED");
            }
        }
    }

    @Test
    void theWalletExampleOfTheWorkloadsDocExitsOneAfterPrintingEveryOutput() throws IOException {
        String url =
                tcs.start(TestConfigs.loopback(dir.resolve("data")).build()).url("127.0.0.1");
        List<String> example = commandsIn(Files.readString(ROOT.resolve("docs/workloads.md"))).stream()
                .filter(command -> command.contains("simple-wallet"))
                .findFirst()
                .orElseThrow();

        Run run = camelot(asRun(example, url));

        assertThat(run.out())
                .isEqualTo("WALLET RESULT: alice::100\n"
                        + "WALLET RESULT: Creditor wallet not found\n"
                        + "WALLET RESULT: alice::100\n");
        assertThat(run.err().strip().lines().toList().getLast())
                .isEqualTo("camelot submit: output 1 matches --fail-on "
                        + WALLET_FAILURE
                        + ": WALLET RESULT: Creditor wallet not found");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void withoutAMatchFailOnChangesNothingAndWithoutFailOnARefusalExitsZero() {
        String url =
                tcs.start(TestConfigs.loopback(dir.resolve("data")).build()).url("127.0.0.1");
        List<String> wallet = List.of("submit", "--url", url, "--workload", "simple-wallet");

        Run refused = camelot(concat(wallet, "balance carol"));
        Run fine = camelot(concat(wallet, "--fail-on", WALLET_FAILURE, "deposit carol 3"));

        assertThat(refused.out()).isEqualTo("WALLET RESULT: No wallet details found\n");
        assertThat(refused.exit()).isZero();
        assertThat(fine.out()).isEqualTo("WALLET RESULT: carol::3\n");
        assertThat(fine.exit()).isZero();
    }

    @Test
    void aWorkOrderTheWorkerFailsExitsOne() {
        String url =
                tcs.start(TestConfigs.loopback(dir.resolve("data")).build()).url("127.0.0.1");

        Run run = camelot(List.of("submit", "--url", url, "--workload", "no-such-workload", "x"));

        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines().toList().getLast())
                .startsWith("camelot submit: ")
                .contains("code 9")
                .contains("it has no workload \"no-such-workload\"; it runs ")
                .contains("echo-result");
        assertThat(run.exit()).isEqualTo(1);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** The command with the test's TCS as --url and files named from the repository root. */
    private static List<String> asRun(List<String> command, String url) {
        List<String> args = new ArrayList<>();
        for (String word : command) {
            args.add(Files.exists(ROOT.resolve(word)) ? ROOT.resolve(word).toString() : word);
        }
        if (!command.getFirst().equals("attest")) {
            args.addAll(1, List.of("--url", url));
        }
        return args;
    }

    /**
     * The {@code ./camelot} commands of a Markdown file's indented code blocks, without the {@code
     * ./camelot}: continuation lines joined, trailing comments dropped, quotes as the shell reads
     * them.
     */
    static List<List<String>> commandsIn(String markdown) {
        List<List<String>> commands = new ArrayList<>();
        StringBuilder pending = null;
        for (String line : markdown.lines().toList()) {
            if (pending == null) {
                if (!line.startsWith("    ./camelot ")) {
                    continue;
                }
                pending = new StringBuilder();
            }
            String text = line.strip();
            if (text.endsWith("\\")) {
                pending.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            pending.append(text);
            List<String> words = shellWords(pending.toString());
            commands.add(words.subList(1, words.size()));
            pending = null;
        }
        return commands;
    }

    /** Splits like a POSIX shell for what the docs use: single and double quotes, # comments. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '#' && word == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
