package io.camelot.server;

import static io.camelot.scheduler.Replays.shiftIdDigitOntoNonce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.SimulatedTee;
import io.camelot.jsonrpc.RpcServer;
import io.camelot.listener.DirectModel;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.WorkerKeyRotation;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.TcsRpcException;
import io.camelot.store.postgres.PostgresQueueTable;
import io.camelot.store.postgres.PostgresSettings;
import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.SharedQueueWorker;
import io.camelot.store.postgres.SharedWorkOrderQueue;
import io.camelot.store.postgres.TestPostgres;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.Workloads;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay of security review H1 on the scale-out setup: a listener on the shared PostgreSQL
 * queue and a worker process running the stateful simple-wallet. A sealed deposit re-sent with the
 * first digit of its id moved onto its nonce keeps its request hash under a new id; the listener
 * refuses it as a replay, and the deposit runs once.
 */
class SharedQueueReplayTest {
    private static final String WALLET = HexFormat.of().formatHex("simple-wallet".getBytes(StandardCharsets.UTF_8));
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dataDir;

    final NodeAssembly started = new NodeAssembly();
    final WorkerKeys keys = WorkerKeys.generate();
    Vertx vertx;
    String workerId;
    DirectTcsClient client;

    @BeforeEach
    void startListenerAndWorkerProcess() {
        Clock clock = Clock.systemUTC();
        PostgresSettings database = TestPostgres.get().newDatabase(4);
        PostgresTcsStore listenerStore = started.add(PostgresTcsStore.open(database));
        SharedWorkOrderQueue queue = started.add(new SharedWorkOrderQueue(
                new PostgresQueueTable(listenerStore), DependenciesEndToEndTest.queueSettings(), clock));
        PostgresTcsStore workerStore = started.add(PostgresTcsStore.open(database));
        WorkerConfig config = DependenciesEndToEndTest.workerConfig("replay-worker");
        SingletonWorker worker = new SingletonWorker(
                config,
                keys,
                SimulatedTee.open(dataDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), clock),
                Workloads.load(),
                workerStore,
                clock);
        worker.register();
        workerId = worker.workerId();
        started.add(new SharedQueueWorker(
                        new PostgresQueueTable(workerStore),
                        workerId,
                        worker,
                        config.concurrency(),
                        Duration.ofSeconds(30)))
                .start();
        vertx = Vertx.vertx();
        ListenerConfig listenerConfig =
                new ListenerConfig("127.0.0.1", 0, 1 << 20, false, Duration.ofSeconds(9), false);
        RpcServer listener = started.add(DirectModel.server(
                vertx, listenerConfig, listenerStore, queue, WorkerKeyRotation.NONE, new CompositeMeterRegistry()));
        listener.start();
        client = started.add(DirectTcsClient.create("http://127.0.0.1:" + listener.port()));
    }

    @AfterEach
    void stop() throws Exception {
        started.close();
        vertx.close().await();
    }

    @Test
    void aDepositReplayedUnderAnotherIdMadeByMovingADigitOntoTheNonceIsRefused() {
        RequestSecrets original = deposit("erin", 5);
        assertThat(client.workOrderSubmit(original.request())).isInstanceOf(SubmitReply.Pending.class);
        assertThat(balanceAfter(original)).isEqualTo("WALLET RESULT: erin::5");
        WorkOrderSubmitParams shifted = shiftIdDigitOntoNonce(original.request());
        assertThat(WorkOrderHashes.requestHash(shifted)).isEqualTo(WorkOrderHashes.requestHash(original.request()));

        assertThatThrownBy(() -> client.workOrderSubmit(shifted))
                .isInstanceOfSatisfying(TcsRpcException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(2);
                    assertThat(refused.serverMessage())
                            .isEqualTo(
                                    "Replayed work order: a request with the same request hash was already submitted."
                                            + " Hence invalid parameter");
                    assertThat(refused.data())
                            .isEqualTo(JsonNodeFactory.instance.objectNode().put("workOrderId", shifted.workOrderId()));
                });
        assertThatThrownBy(() -> client.workOrderSubmit(original.request()))
                .isInstanceOfSatisfying(TcsRpcException.class, refused -> {
                    assertThat(refused.serverMessage())
                            .isEqualTo("Work order id already exists in the database. Hence invalid parameter");
                    assertThat(refused.data().path("sameRequest").asBoolean()).isTrue();
                });

        RequestSecrets next = deposit("erin", 1);
        client.workOrderSubmit(next.request());
        assertThat(balanceAfter(next)).isEqualTo("WALLET RESULT: erin::6");
    }

    private RequestSecrets deposit(String account, long amount) {
        RequestTemplate template = new RequestTemplate(
                randomHex(32),
                workerId,
                WALLET,
                randomHex(32),
                randomHex(16),
                6000,
                null,
                List.of(InputSpec.text("deposit " + account + " " + amount)),
                List.of());
        return RequestSealer.seal(template, keys.encryption().publicKey(), null);
    }

    private String balanceAfter(RequestSecrets secrets) {
        SubmitReply[] reply = new SubmitReply[1];
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        (reply[0] = client.workOrderGetResult(secrets.request().workOrderId()))
                                instanceof SubmitReply.Completed);
        var items = ResponseOpener.open(
                ((SubmitReply.Completed) reply[0]).result(),
                secrets,
                keys.signing().verifier());
        return new String(items.get(0).data(), StandardCharsets.UTF_8);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
