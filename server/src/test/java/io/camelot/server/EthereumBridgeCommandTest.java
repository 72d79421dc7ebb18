package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.bridge.RelaySettings;
import io.camelot.ethereum.BridgeSettings;
import io.camelot.ethereum.OracleFeed;
import io.camelot.io.ConnectorPolicy;
import io.camelot.sdk.AttestationPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code camelot ethereum-bridge} options into the bridge's settings. */
class EthereumBridgeCommandTest {
    private static final List<String> REQUIRED =
            List.of("--rpc-url", "http://127.0.0.1:8545", "--chain-id", "1337", "--contracts", "contracts.json");

    private static BridgeSettings settings(String... options) {
        EthereumBridgeCommand command = new EthereumBridgeCommand();
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(options));
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.settings();
    }

    @Test
    void oracleFeedsWorkerSyncAndRequestUrisComeFromTheOptions() {
        BridgeSettings settings = settings(
                "--worker-sync-interval",
                "7",
                "--oracle-feed",
                "ETH-USD=https://prices.example/eth-usd?pair=eth=usd",
                "--oracle-feed",
                "BTC-USD=https://prices.example/btc-usd",
                "--oracle-interval",
                "5",
                "--allow-simulated",
                "--request-uri-host",
                "requests.example:8443",
                "--request-uri-host",
                "backup.example",
                "--request-uri-max-bytes",
                "4096");

        assertThat(settings.relay().workerSyncInterval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.oracleFeeds())
                .containsExactly(
                        new OracleFeed(
                                "ETH-USD", null, "https://prices.example/eth-usd?pair=eth=usd", Duration.ofSeconds(5)),
                        new OracleFeed("BTC-USD", null, "https://prices.example/btc-usd", Duration.ofSeconds(5)));
        assertThat(settings.oracleAttestation())
                .isInstanceOfSatisfying(
                        AttestationPolicy.class,
                        policy -> assertThat(policy.allowsSimulation()).isTrue());
        assertThat(settings.relay().requestUris().allowedHosts())
                .containsExactlyInAnyOrder("requests.example:8443", "backup.example");
        assertThat(settings.relay().requestUris().methods()).containsExactly("GET");
        assertThat(settings.relay().requestUris().maxBytes()).isEqualTo(4096);
    }

    @Test
    void byDefaultNoFeedsNoRequestUrisAndOnlyHardwareAttestedOracleWorkers() {
        BridgeSettings settings = settings();

        assertThat(settings.relay().workerSyncInterval()).isEqualTo(RelaySettings.DEFAULT_WORKER_SYNC);
        assertThat(settings.oracleFeeds()).isEmpty();
        assertThat(settings.oracleAttestation())
                .isInstanceOfSatisfying(
                        AttestationPolicy.class,
                        policy -> assertThat(policy.allowsSimulation()).isFalse());
        assertThat(settings.relay().requestUris().allowedHosts()).isEmpty();
        assertThat(settings.relay().requestUris().maxBytes()).isEqualTo(ConnectorPolicy.DEFAULT_MAX_BYTES);
    }
}
