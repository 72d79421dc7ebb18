package io.camelot.server;

import static io.camelot.server.AdminHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcClient;
import io.camelot.pool.manager.ChildProcess;
import io.camelot.sdk.Requester;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.server.config.PoolSection.SignatureScheme;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin ports of a pool's WKM and WP processes: {@code serve --pool} starts them on free ports
 * and learns their URLs; they answer health and show the pool meters after activity.
 */
class PoolAdminTest {
    @TempDir
    Path dataDir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    @Test
    void wkmAndWpAdminPortsAnswerAndCountRotationsAndWps() throws Exception {
        TcsNode node = tcs.start(TestConfigs.loopback(dataDir)
                .pool(PoolTest.pool(1, 1, SignatureScheme.POOL_KEY, ""))
                .build());
        Requester requester = tcs.requester();
        ChildProcess wkm = node.pool().keyManagers().getFirst();
        ChildProcess wp = node.pool().processor(0);
        String wkmAdmin = wkm.adminUrl().orElseThrow();
        String wpAdmin = wp.adminUrl().orElseThrow();
        assertThat(node.pool().children()).containsExactly(wkm, wp);

        HttpResponse<String> wkmReady = get(wkmAdmin + "/health/ready");
        assertThat(wkmReady.statusCode()).isEqualTo(200);
        assertThat(wkmReady.body()).contains("\"pool-keys\":\"UP\"");
        assertThat(get(wpAdmin + "/health/ready").body()).contains("\"key-manager\":\"UP\"");
        assertThat(node.metrics().scrape())
                .contains("camelot_pool_wps_registered{process=\"serve\"} 1.0")
                .contains("camelot_pool_slots_free{process=\"serve\"} 2.0")
                .contains("camelot_pool_slots_busy{process=\"serve\"} 0.0")
                .contains("camelot_pool_work_orders_waiting{process=\"serve\"} 0.0");

        VerifiedWorker pool = requester.worker(PoolTest.POOL_ID);
        assertThat(WorkOrders.poolEcho(requester, pool, "metered")).isEqualTo("RESULT: metered");
        try (PeerSecurity manager = node.pool().identities().managerSecurity(Clock.systemUTC())) {
            new RpcClient(node.pool().manager().url(), Duration.ofSeconds(60), manager)
                    .call(PoolApi.GENERATE_NEW_ENCRYPTION_KEY, Map.of());
        }

        String wkmMetrics = get(wkmAdmin + "/metrics").body();
        assertThat(wkmMetrics)
                .contains("camelot_pool_key_rotations_total{process=\"wkm\"} 1.0")
                .contains("camelot_pool_wps_admitted{process=\"wkm\"} 1.0");
        HttpResponse<String> wpMetrics = get(wpAdmin + "/metrics");
        assertThat(wpMetrics.statusCode()).isEqualTo(200);
        assertThat(wpMetrics.body()).contains("jvm_memory_used_bytes").contains("process=\"wp\"");
        assertThat(get(wpAdmin + "/health/ready").statusCode()).isEqualTo(200);
        assertThat(List.of(
                        get(wkmAdmin + "/health/live").statusCode(),
                        get(wpAdmin + "/health/live").statusCode()))
                .containsOnly(200);
    }
}
