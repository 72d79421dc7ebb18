package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the dashboard in headless Chromium: after a work order completes and another fails, the
 * page, rendered by its own JavaScript from the admin port's JSON, lists them as COMPLETED and
 * FAILED with its error message, and names the worker. Chromium's {@code --dump-dom} prints the DOM
 * once the page's scripts and fetches have run under a virtual-time budget, so no WebDriver is
 * needed. Skipped when Chromium is not installed, unless {@code CAMELOT_REQUIRE_BROWSER=1} (as in
 * CI), which turns a missing browser into a failure.
 */
class DashboardBrowserTest {
    private static final List<String> BROWSERS =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    @TempDir
    Path dataDir;

    @TempDir
    Path browserProfile;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    @Test
    void aSubmittedWorkOrderAppearsOnTheDashboard() throws Exception {
        Optional<String> browser = BROWSERS.stream()
                .filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst();
        if ("1".equals(System.getenv("CAMELOT_REQUIRE_BROWSER"))) {
            assertThat(browser).as("Chromium (apt-get install -y chromium)").isPresent();
        }
        assumeTrue(browser.isPresent(), "Chromium is not installed; apt-get install -y chromium");

        TcsNode node = tcs.start(TestConfigs.loopback(dataDir).admin().build());
        String id = OpsEndToEndTest.submitEcho(tcs.client());
        Requester requester = tcs.requester();
        SubmittedWorkOrder failing = requester
                .newWorkOrder(requester.worker(node.worker().workerId()), "no-such-workload")
                .input("Hello")
                .submit();
        String error = assertThrows(TcsRpcException.class, failing::await).serverMessage();

        String dom = dumpDom(browser.get(), node.adminUrl("127.0.0.1").orElseThrow() + "/");
        assertThat(dom)
                .contains("data-work-order-id=\"" + id + "\" data-state=\"COMPLETED\"")
                .contains("data-work-order-id=\"" + failing.workOrderId() + "\" data-state=\"FAILED\"")
                .contains(error)
                .contains("data-worker-id=\"" + node.worker().workerId() + "\"")
                .contains(WorkerConfig.DEFAULT_NAME + " (")
                .contains("SIMULATED")
                .doesNotContain("refresh failed");
    }

    private String dumpDom(String browser, String url) throws IOException, InterruptedException {
        Path output = browserProfile.resolve("dom.html");
        Process process = new ProcessBuilder(
                        browser,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--user-data-dir=" + browserProfile.resolve("profile"),
                        "--virtual-time-budget=10000",
                        "--dump-dom",
                        url)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s");
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
