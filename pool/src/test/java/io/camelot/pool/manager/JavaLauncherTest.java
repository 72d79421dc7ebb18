package io.camelot.pool.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaLauncherTest {
    @Test
    void aChildGetsTheParentsStartupCacheAndNoOtherOfItsFlags() {
        assertThat(JavaLauncher.startupCache(List.of(
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:AOTCache=/repo/server/target/camelot.aot",
                        "-Xlog:aot*=off",
                        "-Xlog:cds*=off",
                        "-Xmx4g")))
                .containsExactly("-XX:AOTCache=/repo/server/target/camelot.aot", "-Xlog:aot*=off", "-Xlog:cds*=off");
        assertThat(JavaLauncher.startupCache(List.of("-XX:SharedArchiveFile=/repo/server/target/camelot.jsa")))
                .containsExactly("-XX:SharedArchiveFile=/repo/server/target/camelot.jsa");
        assertThat(JavaLauncher.startupCache(List.of("-Xmx4g"))).isEmpty();
    }

    @Test
    void theChildCommandRunsTheMainClassOnTheSameClassPath() {
        JavaLauncher launcher =
                new JavaLauncher("/jdk/bin/java", "/repo/camelot.jar", "io.camelot.Main", List.of("-Xmx256m"));
        assertThat(launcher.command(List.of("wp", "--port", "0")))
                .containsExactly(
                        "/jdk/bin/java",
                        "-Xmx256m",
                        "-cp",
                        "/repo/camelot.jar",
                        "io.camelot.Main",
                        "wp",
                        "--port",
                        "0");
    }
}
