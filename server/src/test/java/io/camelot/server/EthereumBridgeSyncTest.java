package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.ethereum.BridgeSettings;
import io.camelot.ethereum.Bytes32;
import io.camelot.ethereum.Chain;
import io.camelot.ethereum.DevChain;
import io.camelot.ethereum.EthereumBridge;
import io.camelot.ethereum.OracleFeed;
import io.camelot.ethereum.OraclePost;
import io.camelot.ethereum.ProxyContracts;
import io.camelot.ethereum.contracts.OracleResults;
import io.camelot.ethereum.contracts.WorkerRegistry;
import io.camelot.io.LocalHttpsServer;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkloadIds;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerRegisterParams;
import io.camelot.protocol.model.WorkerSetStatusParams;
import io.camelot.protocol.model.WorkerUpdateParams;
import io.camelot.sdk.AttestationPolicy;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.SubmitReply;
import io.camelot.server.config.WorkloadsSection;
import io.camelot.worker.WorkerConfig;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tuples.generated.Tuple5;

/**
 * The bridge while it runs, on a real local Ethereum node: worker changes made on the TCS reach the
 * chain without a restart, and an oracle feed posts attested values to OracleResults.
 */
class EthereumBridgeSyncTest {
    private static final Duration AWAIT = Duration.ofMinutes(3);
    private static final String WORKER = WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME);

    @TempDir
    static Path shared;

    static DevChain devChain;
    static Chain tcsAccount;
    static Chain stranger;

    @TempDir
    Path dir;

    @RegisterExtension
    final TcsNodeExtension nodes = new TcsNodeExtension();

    TcsNode node;
    DirectTcsClient tcs;
    ProxyContracts contracts;
    EthereumBridge bridge;
    LocalHttpsServer source;

    @BeforeAll
    static void startChain() throws Exception {
        devChain = DevChain.start(shared);
        tcsAccount = Chain.connect(devChain.account(0));
        stranger = Chain.connect(devChain.account(2));
    }

    @AfterAll
    static void stopChain() {
        for (AutoCloseable open : new AutoCloseable[] {tcsAccount, stranger, devChain}) {
            close(open);
        }
    }

    @AfterEach
    void stop() {
        for (AutoCloseable open : new AutoCloseable[] {bridge, source}) {
            close(open);
        }
    }

    /** A TCS whose operator methods answer loopback callers (no operator keys configured). */
    void startTcs(WorkloadsSection workloads) throws Exception {
        node = nodes.start(TestConfigs.loopback(dir.resolve("tcs"))
                .operatorMethods()
                .workerConcurrency(2)
                .workloads(workloads)
                .build());
        tcs = nodes.client();
        contracts = ProxyContracts.deploy(tcsAccount);
    }

    @Test
    void workerChangesOnTheTcsReachTheChainWhileTheBridgeRuns() throws Exception {
        startTcs(WorkloadsSection.defaults());
        bridge = EthereumBridge.start(
                tcs,
                tcsAccount,
                contracts,
                BridgeSettings.defaults(dir.resolve("checkpoint")).withWorkerSyncInterval(Duration.ofMillis(200)));
        WorkerRegistry registry = contracts.workerRegistry(tcsAccount);
        long atStart = bridge.core().workerWrites();
        assertThat(atStart).as("registry list entry and worker registration").isEqualTo(2);

        // A changed record, as a pool's key rotation (GenerateNewEncryptionKey) makes one.
        WorkerRecord record = tcs.workerRetrieve(WORKER);
        WorkerDetails d = record.details();
        String notifyUri = "https://tcs.example/notify";
        WorkerDetails changed = new WorkerDetails(
                d.workOrderSyncUri(),
                d.workOrderAsyncUri(),
                d.workOrderPullUri(),
                notifyUri,
                d.receiptInvocationUri(),
                d.workOrderInvocationAddress(),
                d.receiptInvocationAddress(),
                d.fromAddress(),
                d.hashingAlgorithm(),
                d.signingAlgorithm(),
                d.keyEncryptionAlgorithm(),
                d.dataEncryptionAlgorithm(),
                d.workOrderPayloadFormats(),
                d.workerTypeData());
        operatorCall("WorkerUpdate", new WorkerUpdateParams(WORKER, changed));
        await().atMost(AWAIT).until(() -> onChain(registry, WORKER).component5().contains(notifyUri));

        operatorCall("WorkerSetStatus", new WorkerSetStatusParams(WORKER, 3));
        await().atMost(AWAIT).until(() -> onChain(registry, WORKER).component1().intValue() == 3);

        String added = HexFormat.of().formatHex(randomBytes());
        operatorCall(
                "WorkerRegister",
                new WorkerRegisterParams(
                        added, record.workerType(), record.organizationId(), record.applicationTypeId(), d));
        await().atMost(AWAIT).until(() -> onChain(registry, added).component1().intValue() == 1);
        await().atMost(AWAIT).until(() -> bridge.core().workerKeys().contains(added));

        // One transaction per change: the syncs in between found the chain in step and sent nothing.
        await().atMost(AWAIT).until(() -> bridge.core().workerWrites() == atStart + 3);
        assertThat(bridge.core().workerSyncProblem()).isEmpty();
        assertThat(onChain(registry, WORKER).component5()).contains("\"fromAddress\":\"" + tcsAccount.address() + "\"");

        // An id another account registered on chain first (under an organization of its own: the TCS's
        // is the TCS's) is not taken over: the re-sync fails for it, saying why, and still publishes the
        // others.
        String squatted = HexFormat.of().formatHex(randomBytes());
        contracts
                .workerRegistry(stranger)
                .workerRegister(Bytes32.of(squatted), BigInteger.ONE, randomBytes(), List.of(), "{}")
                .send();
        String later = HexFormat.of().formatHex(randomBytes());
        for (String id : List.of(squatted, later)) {
            operatorCall(
                    "WorkerRegister",
                    new WorkerRegisterParams(
                            id, record.workerType(), record.organizationId(), record.applicationTypeId(), d));
        }
        await().atMost(AWAIT).until(() -> bridge.core().workerKeys().contains(later));
        assertThat(onChain(registry, later).component1().intValue()).isEqualTo(1);
        await().atMost(AWAIT).until(() -> bridge.core().workerSyncProblem().isPresent());
        assertThat(bridge.core().workerSyncProblem().get())
                .contains(squatted)
                .contains("not the worker's organization");
        assertThat(bridge.core().failedWorkerSyncs()).isPositive();
        assertThat(bridge.core().workerKeys()).doesNotContain(squatted);
    }

    @Test
    void aWorkerFirstPublishedWhileNotActiveGetsItsStatusOnChain() throws Exception {
        startTcs(WorkloadsSection.defaults());
        WorkerRecord record = tcs.workerRetrieve(WORKER);
        String offline = HexFormat.of().formatHex(randomBytes());
        operatorCall(
                "WorkerRegister",
                new WorkerRegisterParams(
                        offline,
                        record.workerType(),
                        record.organizationId(),
                        record.applicationTypeId(),
                        record.details()));
        operatorCall("WorkerSetStatus", new WorkerSetStatusParams(offline, 2));

        bridge = EthereumBridge.start(tcs, tcsAccount, contracts, BridgeSettings.defaults(dir.resolve("checkpoint")));

        WorkerRegistry registry = contracts.workerRegistry(tcsAccount);
        assertThat(onChain(registry, offline).component1().intValue()).isEqualTo(2);
        assertThat(onChain(registry, WORKER).component1().intValue()).isEqualTo(1);
    }

    @Test
    void anOracleFeedPostsTheAttestedValueOfItsSourceFromAVerifiedWorkOrder() throws Exception {
        source = new LocalHttpsServer(dir).serve("/eth-usd", "3120.55");
        startTcs(WorkloadsSection.builder()
                .grants(List.of(new WorkloadsSection.Grant(
                        OracleFeed.WORKLOAD,
                        "https",
                        List.of(source.host()),
                        List.of("GET"),
                        4096,
                        source.trustPem().toString())))
                .build());
        OracleFeed feed = new OracleFeed("ETH-USD", null, source.url("/eth-usd"), Duration.ofMillis(300));
        bridge = EthereumBridge.start(
                tcs,
                tcsAccount,
                contracts,
                BridgeSettings.defaults(dir.resolve("checkpoint"))
                        .withOracleFeeds(
                                List.of(feed),
                                AttestationPolicy.builder().allowSimulation().build()));
        OracleResults oracle = contracts.oracleResults(tcsAccount);

        await().atMost(AWAIT)
                .until(() -> oracle.latestResult(Bytes32.of(WORKER), feed.id())
                        .send()
                        .component3()
                        .equals("3120.55"));
        source.serve("/eth-usd", "3121.00");
        await().atMost(AWAIT)
                .until(() -> oracle.latestResult(Bytes32.of(WORKER), feed.id())
                        .send()
                        .component3()
                        .equals("3121.00"));

        // What is on chain is what the bridge verified: the worker's signed statement of the source's
        // answer.
        await().atMost(AWAIT).untilAsserted(() -> {
            var onChain = oracle.latestResult(Bytes32.of(WORKER), feed.id()).send();
            Optional<OraclePost> posted = bridge.latestOraclePost(feed.name());
            assertThat(posted).isPresent();
            assertThat(Bytes32.hex(onChain.component1()))
                    .isEqualTo(WORKER)
                    .isEqualTo(posted.get().workerId());
            assertThat(Bytes32.hex(onChain.component2())).isEqualTo(posted.get().workOrderId());
            assertThat(onChain.component3()).isEqualTo(posted.get().value());
        });
        OraclePost posted = bridge.latestOraclePost(feed.name()).orElseThrow();
        JsonNode statement = ProtocolJson.parse(posted.statement().getBytes(StandardCharsets.UTF_8));
        assertThat(statement.get("source").asText()).isEqualTo(source.url("/eth-usd"));
        assertThat(statement.get("value").asText()).isEqualTo("3121.00");
        assertThat(statement.get("tlsCertificateSha256").asText()).isEqualTo(source.certificateSha256());
        // The TCS holds that work order's signed result, from that worker, for the oracle workload.
        SubmitReply stored = tcs.workOrderGetResult(posted.workOrderId());
        assertThat(stored).isInstanceOfSatisfying(SubmitReply.Completed.class, completed -> {
            assertThat(completed.result().workerId()).isEqualTo(WORKER);
            assertThat(completed.result().workloadId()).isEqualTo(WorkloadIds.of(OracleFeed.WORKLOAD));
        });
        assertThat(bridge.oraclePosts()).isGreaterThanOrEqualTo(2);

        OracleResults asStranger = contracts.oracleResults(stranger);
        assertThatThrownBy(() -> asStranger
                        .post(feed.id(), Bytes32.of(WORKER), Bytes32.of(posted.workOrderId()), "1.00")
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the worker's TCS account");
    }

    private static Tuple5<BigInteger, BigInteger, byte[], List<byte[]>, String> onChain(
            WorkerRegistry registry, String workerId) throws Exception {
        return registry.workerRetrieve(Bytes32.of(workerId)).send();
    }

    /** An operator method, answered for a loopback caller when no operator keys are configured. */
    private void operatorCall(String method, Object params) throws Exception {
        byte[] body = ProtocolJson.toBytes(JsonRpcRequest.of(method, 1, ProtocolJson.toTree(params)));
        HttpResponse<byte[]> reply = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(node.url("127.0.0.1")))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = ProtocolJson.parse(reply.body());
        assertThat(answer.path("error").path("code").asInt(-1))
                .as(answer.toString())
                .isZero();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void close(AutoCloseable open) {
        if (open != null) {
            try {
                open.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
