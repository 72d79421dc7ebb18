package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.pool.manager.PeerFiles;
import io.camelot.pool.manager.WkmLaunchSpec;
import io.camelot.pool.manager.WpLaunchSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lines serve writes for its pool children are the ones wp and wkm read back. */
class LaunchSpecTest {
    static final PeerFiles TLS = new PeerFiles(
            Path.of("keys/wp-0-key.pem"),
            Path.of("keys/pool-peers.pem"),
            Path.of("keys/tls-cert.pem"),
            Path.of("keys/tls-key.pem"),
            Path.of("keys/tls-cert.pem"));
    static final PeerFiles PLAIN = PeerFiles.plain(Path.of("keys/wkm-0-key.pem"), Path.of("keys/pool-peers.pem"));

    @Test
    void aWpSpecSurvivesItsCommandLine() {
        WpLaunchSpec every = WpLaunchSpec.builder("https://127.0.0.1:9950", Path.of("/tmp/tee"), TLS)
                .host("0.0.0.0")
                .port(7100)
                .advertiseHost("10.0.0.7")
                .restartAfter(5)
                .dedicatedRequester("requester.pem")
                .simulatedMeasurement("ab12")
                .register(true)
                .slots(3)
                .adminHost("0.0.0.0")
                .adminPort(8558)
                .otlpEndpoint("http://127.0.0.1:4318")
                .exitWithParent(true)
                .build();
        WpLaunchSpec defaults = WpLaunchSpec.builder("http://manager:9950", Path.of("tee"), PLAIN)
                .build();

        for (WpLaunchSpec spec : List.of(every, defaults)) {
            assertThat(parsed(spec.toArgs(), "wp", new WpCommand()).spec()).isEqualTo(spec);
        }
        assertThat(defaults.toArgs())
                .containsExactly(
                        "wp",
                        "--manager",
                        "http://manager:9950",
                        "--signing-key",
                        "keys/wkm-0-key.pem",
                        "--peer-keys",
                        "keys/pool-peers.pem",
                        "--tee-dir",
                        "tee");
    }

    @Test
    void aWkmSpecSurvivesItsCommandLine() {
        WkmLaunchSpec every = WkmLaunchSpec.builder(Path.of("pool/wkm-1"), TLS)
                .host("0.0.0.0")
                .port(7001)
                .teeDir(Path.of("/tmp/tee"))
                .generateKeys(true)
                .join("https://wkm-0:7001")
                .allowedWpMeasurements(List.of("aa", "bb"))
                .samePlatform(true)
                .maxWps(4)
                .restartWpAfter(100)
                .keyMigration(false)
                .extKey(true)
                .rotationGraceSeconds(60)
                .dedicatedRequester("-----BEGIN PUBLIC KEY-----\nMFYw\n-----END PUBLIC KEY-----\n")
                .requireRequesterSignature(true)
                .adminHost("0.0.0.0")
                .adminPort(8558)
                .otlpEndpoint("http://127.0.0.1:4318")
                .exitWithParent(true)
                .build();
        WkmLaunchSpec defaults = WkmLaunchSpec.builder(Path.of("wkm"), PLAIN).build();

        for (WkmLaunchSpec spec : List.of(every, defaults)) {
            assertThat(parsed(spec.toArgs(), "wkm", new WkmCommand()).spec()).isEqualTo(spec);
        }
    }

    /** {@code command} with {@code args} parsed, after checking that they start with its name. */
    static <C> C parsed(List<String> args, String name, C command) {
        assertThat(args.getFirst()).isEqualTo(name);
        new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        return command;
    }
}
