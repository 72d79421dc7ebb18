package io.camelot.server;

import static io.camelot.server.AdminHttp.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelot.ethereum.BridgeSettings;
import io.camelot.ethereum.Chain;
import io.camelot.ethereum.DevChain;
import io.camelot.ethereum.EthereumBridge;
import io.camelot.ethereum.ProxyContracts;
import io.camelot.sdk.DirectTcsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin port of {@code camelot ethereum-bridge}: lag meter, and readiness that follows the
 * chain.
 */
class BridgeAdminTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final TcsNodeExtension nodes = new TcsNodeExtension();

    DevChain devChain;
    TcsNode node;
    DirectTcsClient tcs;
    Chain chain;
    EthereumBridge bridge;
    ProcessAdmin admin;

    @AfterEach
    void stop() {
        for (AutoCloseable open : new AutoCloseable[] {admin, bridge, chain, devChain}) {
            if (open != null) {
                try {
                    open.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void readyWhileTheChainAnswersAndDownOnceItStops() throws Exception {
        devChain = DevChain.start(dir);
        node = nodes.start(TestConfigs.loopback(dir.resolve("tcs")).build());
        tcs = nodes.client();
        chain = Chain.connect(devChain.account(0));
        bridge = EthereumBridge.start(
                tcs, chain, ProxyContracts.deploy(chain), BridgeSettings.defaults(dir.resolve("checkpoint")));
        AdminOptions options = new AdminOptions();
        admin = EthereumBridgeCommand.startAdmin(options, bridge, tcs);

        HttpResponse<String> ready = get(admin.url() + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .contains("\"chain\":\"UP\"")
                .contains("\"tcs\":\"UP\"")
                .contains("\"workers\":\"UP\"")
                .contains("\"oracle\":\"UP\"");
        await().atMost(Duration.ofMinutes(2))
                .until(() -> bridge.core().chainHead() >= 0 && bridge.core().lagBlocks() == 0);
        assertThat(get(admin.url() + "/metrics").body())
                .contains("camelot_bridge_lag_blocks{process=\"bridge\"} 0.0")
                .contains("camelot_bridge_workorders_relayed_total{process=\"bridge\"} 0.0")
                .contains("camelot_bridge_relays_failed_total{process=\"bridge\"} 0.0")
                // The registry list entry and the worker's registration; nothing since, the chain is in
                // step.
                .contains("camelot_bridge_worker_transactions_total{process=\"bridge\"} 2.0")
                .contains("camelot_bridge_worker_syncs_failed_total{process=\"bridge\"} 0.0")
                .contains("camelot_bridge_oracle_posts_total{process=\"bridge\"} 0.0");

        devChain.close();
        devChain = null;
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            HttpResponse<String> down = get(admin.url() + "/health/ready");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("eth_blockNumber").contains("\"tcs\":\"UP\"");
        });
        assertThat(get(admin.url() + "/health/live").statusCode()).isEqualTo(200);
    }
}
