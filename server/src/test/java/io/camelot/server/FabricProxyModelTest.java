package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.bridge.Bridge;
import io.camelot.bridge.Checkpoint;
import io.camelot.bridge.FileCheckpoint;
import io.camelot.bridge.RelaySettings;
import io.camelot.fabric.FabricBridge;
import io.camelot.fabric.FabricGateway;
import io.camelot.fabric.FabricSettings;
import io.camelot.fabric.FabricTcsClient;
import io.camelot.fabric.chaincode.FabricNetwork;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The EEA proxy model end to end on a real Fabric network (deploy/fabric/network.sh): a requester's
 * SDK submits through the chaincode as the org's user, the TCS's bridge (as the org's admin) relays to
 * a whole TCS over its direct-model API and writes the signed results back, and the requester verifies
 * them from the ledger. Prints the latency and throughput BENCHMARKS.md quotes.
 */
class FabricProxyModelTest {
    private static final Duration AWAIT = Duration.ofMinutes(3);

    @TempDir
    static Path shared;

    @RegisterExtension
    static final TcsNodeExtension nodes = new TcsNodeExtension();

    @RegisterExtension
    final CamelotProcesses processes = new CamelotProcesses();

    static FabricNetwork network;
    static DirectTcsClient tcs;
    static FabricGateway tcsIdentity;

    @TempDir
    Path dir;

    FabricTcsClient requesterClient;
    Requester requester;
    Bridge bridge;

    @BeforeAll
    static void startNetworkAndTcs() throws Exception {
        network = FabricNetwork.startOrSkip(Path.of("target", "fabric-it"), new FabricNetwork.Timings());
        nodes.start(
                TestConfigs.loopback(shared.resolve("tcs")).workerConcurrency(2).build());
        tcs = nodes.client();
        tcsIdentity = FabricGateway.connect(FabricSettings.fromNetworkEnv(network.networkEnv(), "ADMIN"));
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        if (tcsIdentity != null) {
            tcsIdentity.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @BeforeEach
    void connectRequester() throws Exception {
        requesterClient = FabricTcsClient.connect(FabricSettings.fromNetworkEnv(network.networkEnv(), "USER"));
        requester = requester(requesterClient);
    }

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
        requesterClient.close();
    }

    private static Requester requester(FabricTcsClient client) {
        return Requester.builder(client)
                .requesterKey(Secp256k1.generate())
                .allowSimulation()
                .pollBackoff(Duration.ofMillis(20), Duration.ofMillis(250))
                .awaitTimeout(AWAIT)
                .build();
    }

    private void startBridge() throws InterruptedException {
        bridge = FabricBridge.start(tcs, tcsIdentity, RelaySettings.defaults(dir.resolve("checkpoint")));
    }

    private VerifiedWorker workerFromLedger() {
        List<String> ids = requester.findWorkers(new WorkerLookUpParams(1, null, null, null, null));
        assertThat(ids).containsExactly(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME));
        return requester.worker(ids.getFirst());
    }

    @Test
    void echoAndHeartDiseaseEndToEndWithLatencyAndThroughput() throws Exception {
        startBridge();
        VerifiedWorker worker = workerFromLedger();

        assertThat(WorkOrders.run(requester, worker, "echo-result", "Hello").text(0))
                .isEqualTo("RESULT: Hello");
        assertThat(WorkOrders.run(
                                requester, worker, "heart-disease-eval", "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1")
                        .text(0))
                .isEqualTo("You have a 47% risk of heart disease");

        long[] millis = new long[10];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            WorkOrders.run(requester, worker, "echo-result", "latency " + i);
            millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }
        Arrays.sort(millis);
        System.out.printf(
                "Fabric submit->verified latency, %d sequential echo work orders: p50 %d ms, max %d ms%n",
                millis.length, millis[millis.length / 2], millis[millis.length - 1]);

        // More for a benchmark run (BENCHMARKS.md): -Dcamelot.fabric.requesters=32.
        int requesters = Integer.getInteger("camelot.fabric.requesters", 4);
        int each = 10;
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> runs = new ArrayList<>();
            for (int r = 0; r < requesters; r++) {
                String name = "requester " + r;
                runs.add(pool.submit(() -> {
                    try (FabricTcsClient client =
                            FabricTcsClient.connect(FabricSettings.fromNetworkEnv(network.networkEnv(), "USER"))) {
                        Requester own = requester(client);
                        VerifiedWorker verified = own.worker(worker.workerId());
                        for (int i = 0; i < each; i++) {
                            assertThat(WorkOrders.run(own, verified, "echo-result", name + " " + i)
                                            .text(0))
                                    .isEqualTo("RESULT: " + name + " " + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "Fabric throughput, %d concurrent requesters x %d sequential echo work orders: %d in %.1f s,"
                        + " %.1f work orders/s%n",
                requesters, each, requesters * each, seconds, requesters * each / seconds);
    }

    @Test
    void camelotSubmitThroughFabricPrintsTheVerifiedResult() throws Exception {
        startBridge();
        workerFromLedger();
        DocumentedCommandsTest.Run run = DocumentedCommandsTest.camelot(
                List.of("submit", "--fabric-env", network.networkEnv().toString(), "Hello"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("RESULT: Hello\n");
        assertThat(run.err()).containsPattern("submitted on Fabric in transaction \\w+, block \\d+");
    }

    @Test
    void onlyTheWorkersTcsIdentityCompletesAWorkOrder() throws Exception {
        startBridge();
        VerifiedWorker worker = workerFromLedger();
        bridge.close();
        SubmittedWorkOrder order =
                requester.newWorkOrder(worker, "echo-result").input("mine").submit();
        String key = requesterClient.workOrderKey(order.workOrderId());
        try (FabricGateway asRequester =
                FabricGateway.connect(FabricSettings.fromNetworkEnv(network.networkEnv(), "USER"))) {
            assertThatThrownBy(() -> asRequester.submit("workOrderComplete", List.of(key, "{\"result\":{}}")))
                    .isInstanceOfSatisfying(
                            GatewayException.class,
                            e -> assertThat(e.getDetails())
                                    .anySatisfy(detail -> assertThat(detail.getMessage())
                                            .endsWith("the caller is not the TCS identity of worker "
                                                    + worker.workerId())));
        }
        assertThatThrownBy(() -> requesterClient.receiptUpdate(
                        new ReceiptUpdateParams(order.workOrderId(), "x", 1L, "", "", "", null)))
                .isInstanceOfSatisfying(
                        TcsRpcException.class,
                        e -> assertThat(e.serverMessage()).isEqualTo("unknown receipt " + key));
        startBridge();
        assertThat(order.await().text(0)).isEqualTo("RESULT: mine");
    }

    @Test
    void aRestartedBridgeResumesFromItsCheckpointAndUpdatesReceipts() throws Exception {
        startBridge();
        VerifiedWorker worker = workerFromLedger();
        List<SubmittedWorkOrder> beforeStop = WorkOrders.submitEchoes(requester, "before ", 5, worker);
        WorkOrders.assertEchoes(beforeStop, "before ", AWAIT);
        bridge.close();
        Checkpoint atStop = bridge.checkpoint();
        assertThat(new FileCheckpoint(dir.resolve("checkpoint")).load()).hasValue(atStop);

        List<SubmittedWorkOrder> whileStopped = WorkOrders.submitEchoes(requester, "while stopped ", 5, worker);
        for (SubmittedWorkOrder order : whileStopped) {
            requester.createReceipt(order);
        }
        startBridge();
        WorkOrders.assertEchoes(whileStopped, "while stopped ", AWAIT);
        List<SubmittedWorkOrder> all = new ArrayList<>(beforeStop);
        all.addAll(whileStopped);
        assertCompletedOnce(all);
        for (SubmittedWorkOrder order : whileStopped) {
            await().atMost(AWAIT)
                    .until(() -> requester.retrieveReceipt(order.workOrderId()).receiptCurrentStatus()
                            == ReceiptStatus.PROCESSED.code());
            var update = requester.receiptUpdate(order.workOrderId(), ReceiptUpdateRetrieveParams.LAST_UPDATE);
            assertThat(update.updateCount()).as("one update, by the worker").isEqualTo(1);
            assertThat(update.updaterId()).isEqualTo(worker.workerId());
            String response = tcsIdentity
                    .evaluate("workOrderGet", List.of(requesterClient.workOrderKey(order.workOrderId())))
                    .path("response")
                    .asText();
            assertThat(update.updateData())
                    .isEqualTo(HexFormat.of().withUpperCase().formatHex(Sha256.digest(response)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"peer", "orderer"})
    void aNodeKilledAndRestartedMidStreamLosesAndRepeatsNothing(String node) throws Exception {
        startBridge();
        VerifiedWorker worker = workerFromLedger();
        List<SubmittedWorkOrder> submitted = WorkOrders.submitEchoes(requester, node + " ", 8, worker);
        network.killAndRestart(node);
        WorkOrders.assertEchoes(submitted, node + " ", AWAIT);
        assertCompletedOnce(submitted);
    }

    @Test
    void aBridgeProcessKilledMidStreamLosesAndRepeatsNothing() throws Exception {
        startBridge();
        VerifiedWorker worker = workerFromLedger();
        bridge.close();
        bridge = null;
        Path checkpoint = dir.resolve("process.checkpoint");
        ProcessBuilder command = new ProcessBuilder(CamelotProcesses.command(
                        "fabric-bridge",
                        "--tcs-url",
                        nodes.node().url("127.0.0.1"),
                        "--fabric-env",
                        network.networkEnv().toString(),
                        "--checkpoint",
                        checkpoint.toString(),
                        "--admin-port",
                        "0"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("bridge.log").toFile()));
        Process first = processes.start(command);
        List<SubmittedWorkOrder> submitted = WorkOrders.submitEchoes(requester, "order ", 12, worker);
        await().atMost(AWAIT).until(() -> !completions(submitted).isEmpty());
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        processes.start(command);
        WorkOrders.assertEchoes(submitted, "order ", AWAIT);
        assertCompletedOnce(submitted);
        assertThat(Files.readString(dir.resolve("bridge.log"))).contains("Fabric bridge: TCS");
    }

    private void assertCompletedOnce(List<SubmittedWorkOrder> orders) {
        Map<String, Long> counts = completions(orders);
        assertThat(counts)
                .hasSize(orders.size())
                .allSatisfy((key, count) -> assertThat(count)
                        .as("workOrderCompleted events of " + key)
                        .isEqualTo(1));
    }

    /** workOrderCompleted events on the ledger for these work orders, counted by key. */
    private Map<String, Long> completions(List<SubmittedWorkOrder> orders) {
        List<String> keys = orders.stream()
                .map(order -> requesterClient.workOrderKey(order.workOrderId()))
                .toList();
        Map<String, Long> counts = new TreeMap<>();
        // The stream does not end: read what the ledger has until it is quiet for a moment.
        try (CloseableIterator<ChaincodeEvent> events = tcsIdentity
                .network()
                .newChaincodeEventsRequest(FabricNetwork.CHAINCODE)
                .startBlock(0)
                .build()
                .getEvents(options -> options.withDeadlineAfter(2, TimeUnit.SECONDS))) {
            while (events.hasNext()) {
                ChaincodeEvent event = events.next();
                if (event.getEventName().equals("workOrderCompleted")) {
                    JsonNode completed = ProtocolJson.parse(event.getPayload());
                    String key = completed.path("workOrderId").asText();
                    if (keys.contains(key)) {
                        counts.merge(key, 1L, Long::sum);
                    }
                }
            }
        } catch (GatewayRuntimeException deadline) {
            // The deadline ended the read.
        }
        return counts;
    }
}
