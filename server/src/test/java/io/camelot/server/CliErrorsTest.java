package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Every user mistake the CLI can spot is one line on stderr naming the command and what to do:
 * exit 2 for usage and configuration, 1 for the environment; a stack trace only with --verbose.
 */
class CliErrorsTest {
  record Run(int exit, String err) {
    /** The one line printed, after checking it is the only one and no stack frame. */
    String line() {
      assertThat(err.lines()).hasSize(1);
      assertThat(err).doesNotContain("\tat ");
      return err.strip();
    }
  }

  static Run camelot(String... args) {
    StringWriter err = new StringWriter();
    int exit = CamelotCli.commandLine().setErr(new PrintWriter(err, true)).execute(args);
    return new Run(exit, err.toString());
  }

  @Test
  void aUrlWithoutSchemeSaysWhatToWrite() {
    Run run = camelot("submit", "--url", "127.0.0.1:1947", "hi");

    assertThat(run.line())
        .isEqualTo("camelot submit: --url 127.0.0.1:1947 has no scheme; use http://127.0.0.1:1947");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void anUnknownOptionIsOneLinePointingAtHelp() {
    Run run = camelot("serve", "--bogus");

    assertThat(run.line()).isEqualTo("camelot serve: Unknown option: '--bogus' (see camelot serve --help)");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void aFailedSubmitIsOneRuntimeLine() {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused.
    Run run = camelot("submit", "--url", "http://127.0.0.1:9", "--timeout", "5", "hi");

    assertThat(run.line()).startsWith("camelot submit: ");
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
}
