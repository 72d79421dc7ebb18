package io.camelot.server;

import static io.camelot.server.AdminHttp.get;
import static io.camelot.server.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.WorkerStatus;
import io.camelot.sdk.Requester;
import io.camelot.sdk.WorkerVerificationException;
import io.camelot.server.config.PoolSection;
import io.camelot.server.config.PoolSection.SignatureScheme;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool that is no longer started is OFF_LINE in the Worker Directory (and so on chain, which the
 * bridge syncs from it), readiness names the work waiting for it, and it is ACTIVE again once a
 * {@code serve --pool} on the same data directory starts it (issue 22, item 3).
 */
class UnservedPoolTest {
    @TempDir
    Path dataDir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    @Test
    void aPoolThatIsNotStartedIsOffLineUntilItIsStartedAgain() throws Exception {
        PoolSection pool = PoolTest.pool(1, 1, SignatureScheme.POOL_KEY, "");
        tcs.start(TestConfigs.loopback(dataDir).pool(pool).build());
        assertThat(status(PoolTest.POOL_ID)).isEqualTo(WorkerStatus.ACTIVE);
        tcs.stop();

        // A work order the pool left pending, as when it is stopped while work waits.
        try (TcsStore store = LmdbTcsStore.open(dataDir.resolve("store"))) {
            store.submit(
                    "left-pending",
                    PoolTest.POOL_ID,
                    new byte[32],
                    "{}".getBytes(StandardCharsets.UTF_8),
                    System.currentTimeMillis());
        }

        TcsNode plain = tcs.start(TestConfigs.loopback(dataDir).admin().build());
        assertThat(status(PoolTest.POOL_ID)).isEqualTo(WorkerStatus.OFF_LINE);
        // Clients see it off-line (the listener refuses its work orders too:
        // WorkerStatusAdmissionTest).
        assertThatThrownBy(() -> tcs.requester().worker(PoolTest.POOL_ID))
                .isInstanceOf(WorkerVerificationException.class)
                .hasMessageContaining("not active (status 2)");
        String admin = plain.adminUrl("127.0.0.1").orElseThrow();
        HttpResponse<String> ready = get(admin + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(json(ready).path("checks").path("unserved-work").asText())
                .contains("1 for worker " + PoolSection.DEFAULT_NAME)
                .contains("pending_timeout_seconds");
        JsonNode rows = json(get(admin + "/api/workorders"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("workOrderId").asText()).isEqualTo("left-pending");
        assertThat(rows.get(0).path("state").asText()).isEqualTo("PENDING");
        assertThat(rows.get(0).path("workerName").asText()).isEqualTo(PoolSection.DEFAULT_NAME);
        JsonNode workers = json(get(admin + "/api/overview")).path("workers");
        assertThat(workers.findValuesAsText("status")).contains("OFF_LINE");
        assertThat(workers.findValuesAsText("name")).contains(PoolSection.DEFAULT_NAME);
        tcs.stop();

        tcs.start(TestConfigs.loopback(dataDir).pool(pool).build());
        assertThat(status(PoolTest.POOL_ID)).isEqualTo(WorkerStatus.ACTIVE);
        Requester requester = tcs.requester();
        assertThat(requester
                        .newWorkOrder(requester.worker(PoolTest.POOL_ID), "echo-result")
                        .input("back")
                        .submit()
                        .await(Duration.ofSeconds(120))
                        .text(0))
                .isEqualTo("RESULT: back");
    }

    private WorkerStatus status(String workerId) {
        return WorkerStatus.of(tcs.client().workerRetrieve(workerId).status());
    }
}
