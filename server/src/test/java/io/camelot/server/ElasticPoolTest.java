package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelot.pool.manager.PoolDispatcher.ProcessorState;
import io.camelot.pool.manager.PoolDispatcher.State;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.pool.manager.WorkerManager;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.scheduler.elastic.LocalProcessLauncher;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderOutcome;
import io.camelot.server.config.PoolSection;
import io.camelot.server.config.PoolSection.SignatureScheme;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An elastic pool with real WP processes ({@code camelot wp --register}) started by the scaler of a
 * {@code camelot serve}-equivalent node: a queued burst scales it from one WP to three, every
 * result verifies against the pool's one worker key, idle WPs are drained and deregistered down to
 * the minimum, and a killed WP is replaced.
 */
class ElasticPoolTest {
    static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path dataDir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    @Test
    void aBurstScalesUpIdleScalesDownAndAKilledWpIsReplaced() throws Exception {
        TcsNode node = tcs.start(TestConfigs.loopback(dataDir)
                .pool(PoolTest.pool(1, 1, SignatureScheme.POOL_KEY, "").toBuilder()
                        .processors(1)
                        .maxProcessors(3)
                        .workOrdersPerProcessor(2)
                        .scaleDownIdleSeconds(2)
                        .launcher(PoolSection.Launcher.PROCESS)
                        .build())
                .build());
        DirectTcsClient client = tcs.client();
        Requester requester = tcs.requester();
        VerifiedWorker poolWorker = requester.worker(PoolTest.POOL_ID);
        WorkerManager manager = node.pool().manager();
        LocalProcessLauncher launcher =
                (LocalProcessLauncher) node.elasticPool().launcher();

        // The burst is queued while the first WP is still starting: the scaler goes to the maximum.
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<SubmittedWorkOrder> burst = WorkOrders.submitEchoes(requester, "burst ", 60, poolWorker);
        await().atMost(WAIT).until(() -> {
            manager.processors().forEach(wp -> seen.add(wp.url()));
            return seen.size() == 3;
        });
        assertThat(launcher.instances()).containsOnlyKeys("wp-1", "wp-2", "wp-3");
        for (int i = 0; i < burst.size(); i++) {
            WorkOrderOutcome outcome = burst.get(i).await(WAIT);
            assertThat(outcome.text(0)).isEqualTo("RESULT: burst " + i);
            assertThat(outcome.result().workerId()).isEqualTo(PoolTest.POOL_ID);
        }
        // Requesters see one worker: the WPs are in the pool's internal directory only.
        assertThat(client.workerLookUp(new WorkerLookUpParams(null, null, null, null, null))
                        .ids())
                .containsExactlyInAnyOrder(PoolTest.POOL_ID, node.worker().workerId());

        // Idle: the newest WPs drain, deregister and exit, down to the minimum of one.
        await().atMost(WAIT)
                .until(() ->
                        launcher.instances().size() == 1 && manager.processors().size() == 1);
        assertThat(launcher.instances()).containsOnlyKeys("wp-1");
        ProcessorState survivor = manager.processors().getFirst();
        assertThat(survivor.state()).isEqualTo(State.AVAILABLE);
        StringWriter listing = new StringWriter();
        assertThat(new CommandLine(new CamelotCli())
                        .setOut(new PrintWriter(listing))
                        .execute(
                                "wps",
                                "--manager",
                                manager.url(),
                                "--signing-key",
                                node.pool()
                                        .identities()
                                        .keyFile(PoolIdentities.MANAGER)
                                        .toString(),
                                "--peer-keys",
                                node.pool().identities().peersFile().toString()))
                .isZero();
        assertThat(listing.toString()).contains(survivor.url() + " ", "AVAILABLE", "1 WP(s)");

        // Killed (no deregistration): replaced, and the dead WP leaves the directory when the
        // dispatcher finds it unreachable.
        launcher.process("wp-1").destroyForcibly().waitFor();
        await().atMost(WAIT)
                .until(() -> launcher.instances().containsKey("wp-4")
                        && manager.processors().size() == 2);
        for (int i = 0; i < 4; i++) {
            assertThat(requester
                            .newWorkOrder(poolWorker, "echo-result")
                            .input("after " + i)
                            .submit()
                            .await(WAIT)
                            .text(0))
                    .isEqualTo("RESULT: after " + i);
        }
        assertThat(manager.processors())
                .extracting(ProcessorState::url)
                .doesNotContain(survivor.url())
                .hasSize(1);
        assertThat(launcher.instances()).containsOnlyKeys("wp-4");
    }
}
