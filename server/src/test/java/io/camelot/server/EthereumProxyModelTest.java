package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camelot.bridge.Checkpoint;
import io.camelot.bridge.FileCheckpoint;
import io.camelot.ethereum.BridgeSettings;
import io.camelot.ethereum.Bytes32;
import io.camelot.ethereum.Chain;
import io.camelot.ethereum.DevChain;
import io.camelot.ethereum.EthereumBridge;
import io.camelot.ethereum.EthereumTcsClient;
import io.camelot.ethereum.ProxyContracts;
import io.camelot.ethereum.contracts.WorkOrderRegistry;
import io.camelot.io.ConnectorPolicy;
import io.camelot.io.LocalHttpsServer;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsClient;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderOutcome;
import io.camelot.worker.WorkerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.utils.Numeric;

/**
 * The EEA proxy model end to end on a real local Ethereum node: a requester's SDK submits through
 * the chain, the TCS's bridge relays to a whole TCS over its direct-model API and posts the signed
 * results back, and the requester verifies them from the contract.
 */
class EthereumProxyModelTest {
    private static final Logger LOG = LoggerFactory.getLogger(EthereumProxyModelTest.class);
    private static final Duration AWAIT = Duration.ofMinutes(3);

    @TempDir
    static Path shared;

    @RegisterExtension
    static final TcsNodeExtension nodes = new TcsNodeExtension();

    static DevChain devChain;
    static TcsNode node;
    static DirectTcsClient tcs;
    static Chain tcsAccount;
    static Chain stranger;

    @TempDir
    Path dir;

    ProxyContracts contracts;
    EthereumTcsClient requesterClient;
    Requester requester;
    EthereumBridge bridge;

    @BeforeAll
    static void startChainAndTcs() throws Exception {
        devChain = DevChain.start(shared);
        node = nodes.start(
                TestConfigs.loopback(shared.resolve("tcs")).workerConcurrency(2).build());
        tcs = nodes.client();
        tcsAccount = Chain.connect(devChain.account(0));
        stranger = Chain.connect(devChain.account(2));
    }

    @AfterAll
    static void stopChainAndTcs() {
        if (tcsAccount != null) {
            tcsAccount.close();
        }
        if (stranger != null) {
            stranger.close();
        }
        if (devChain != null) {
            devChain.close();
        }
    }

    @BeforeEach
    void deploy() throws Exception {
        contracts = ProxyContracts.deploy(tcsAccount);
        requesterClient = EthereumTcsClient.connect(devChain.account(1), contracts);
        requester = Requester.builder(requesterClient)
                .requesterKey(Secp256k1.generate())
                .allowSimulation()
                .pollBackoff(Duration.ofMillis(20), Duration.ofMillis(250))
                .awaitTimeout(AWAIT)
                .build();
    }

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
        requesterClient.close();
    }

    EthereumBridge startBridge() throws Exception {
        return startBridge(0);
    }

    EthereumBridge startBridge(int confirmations) throws Exception {
        return startBridge(BridgeSettings.defaults(dir.resolve("checkpoint")).withConfirmations(confirmations));
    }

    EthereumBridge startBridge(BridgeSettings settings) throws Exception {
        bridge = EthereumBridge.start(tcs, tcsAccount, contracts, settings);
        return bridge;
    }

    VerifiedWorker workerFromChain() {
        List<String> ids = requester.findWorkers(new WorkerLookUpParams(1, null, null, null, null));
        assertThat(ids).containsExactly(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME));
        return requester.worker(ids.getFirst());
    }

    @Test
    void twentyWorkOrdersThroughTheChainCompleteWithVerifiedWorkerSignatures() throws Exception {
        startBridge();
        VerifiedWorker worker = workerFromChain();

        long start = System.nanoTime();
        List<SubmittedWorkOrder> submitted = submitConcurrently(worker, 0, 20);
        for (int i = 0; i < submitted.size(); i++) {
            // await() checks the worker's signature against its verification key from the chain.
            WorkOrderOutcome outcome = submitted.get(i).await();
            assertThat(outcome.text(0)).isEqualTo("RESULT: order " + i);
        }
        LOG.info(
                "20 work orders submitted through the chain and verified in {} ms",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertThat(completionsPerWorkOrder())
                .hasSize(20)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void submitThroughTheChainPrintsTheTransactionAndBlockThatCarriedIt() throws Exception {
        startBridge();
        workerFromChain();
        Path contractsFile = dir.resolve("contracts.json");
        contracts.save(contractsFile);
        Path keyFile = Files.writeString(dir.resolve("requester.key"), DevChain.KEYS.get(1));

        DocumentedCommandsTest.Run run = DocumentedCommandsTest.camelot(List.of(
                "submit",
                "--ethereum-rpc",
                devChain.url(),
                "--chain-id",
                Long.toString(DevChain.CHAIN_ID),
                "--contracts",
                contractsFile.toString(),
                "--key-file",
                keyFile.toString(),
                "Hello"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("RESULT: Hello\n");
        Matcher line = Pattern.compile(
                        "work order (\\w+): submitted on chain in transaction (0x[0-9a-f]{64}), block (\\d+)")
                .matcher(run.err());
        assertThat(line.find()).as(run.err()).isTrue();
        long block = Long.parseLong(line.group(3));
        assertThat(block)
                .isEqualTo(blockOf(WorkOrderRegistry.WORKORDERSUBMITTED_EVENT, line.group(1)))
                .isEqualTo(tcsAccount
                        .web3j()
                        .ethGetTransactionReceipt(line.group(2))
                        .send()
                        .getTransactionReceipt()
                        .orElseThrow()
                        .getBlockNumber()
                        .longValueExact());
    }

    @Test
    void aBridgeRestartedMidStreamNeitherLosesNorRepeatsAndUpdatesReceipts() throws Exception {
        startBridge();
        VerifiedWorker worker = workerFromChain();
        List<SubmittedWorkOrder> submitted = new ArrayList<>(submitConcurrently(worker, 0, 10));
        await().atMost(AWAIT).until(() -> !completionsPerWorkOrder().isEmpty());
        bridge.close();
        long checkpointAtStop = bridge.lastHandledBlock();

        // Submitted while no bridge runs; each gets a receipt the bridge must later update.
        List<SubmittedWorkOrder> whileStopped = submitConcurrently(worker, 10, 5);
        for (SubmittedWorkOrder order : whileStopped) {
            requester.createReceipt(order);
        }
        submitted.addAll(whileStopped);

        // Nobody but the worker's TCS account may complete a work order.
        WorkOrderRegistry asStranger = contracts.workOrderRegistry(stranger);
        assertThatThrownBy(() -> asStranger
                        .workOrderComplete(onChain(1, whileStopped.getFirst().workOrderId()), "{\"result\":{}}")
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the worker's TCS account");

        assertThat(new FileCheckpoint(dir.resolve("checkpoint")).load())
                .hasValue(Checkpoint.throughBlock(checkpointAtStop));
        startBridge();
        for (int i = 0; i < submitted.size(); i++) {
            assertThat(submitted.get(i).await().text(0)).isEqualTo("RESULT: order " + i);
        }
        assertThat(completionsPerWorkOrder())
                .hasSize(15)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));

        for (SubmittedWorkOrder order : whileStopped) {
            await().atMost(AWAIT)
                    .until(() -> requester.retrieveReceipt(order.workOrderId()).receiptCurrentStatus()
                            == ReceiptStatus.PROCESSED.code());
            var update = requester.receiptUpdate(order.workOrderId(), ReceiptUpdateRetrieveParams.LAST_UPDATE);
            String response = asStranger
                    .workOrderGet(onChain(1, order.workOrderId()))
                    .send()
                    .component4();
            assertThat(update.updateData())
                    .isEqualTo(HexFormat.of().withUpperCase().formatHex(Sha256.digest(response)));
            assertThat(update.updaterId()).isEqualTo(worker.workerId());
        }
    }

    @Test
    void aWorkOrderIsHandledOnlyOnceItsBlockHasTheConfiguredConfirmations() throws Exception {
        int confirmations = 3;
        startBridge(confirmations);
        SubmittedWorkOrder order = requester
                .newWorkOrder(workerFromChain(), "echo-result")
                .input("deep")
                .submit();
        long submittedIn = blockOf(WorkOrderRegistry.WORKORDERSUBMITTED_EVENT, order.workOrderId());
        // The dev chain mines only on transactions: without these blocks the order would wait forever.
        for (int i = 0; i < confirmations; i++) {
            devChain.mineBlock();
        }
        assertThat(order.await().text(0)).isEqualTo("RESULT: deep");
        long completedIn = blockOf(WorkOrderRegistry.WORKORDERCOMPLETED_EVENT, null);
        assertThat(completedIn).isGreaterThan(submittedIn + confirmations);
    }

    @Test
    void aWorkOrderRequestGivenAsAUriIsFetchedOnlyFromAnAllowedHost() throws Exception {
        try (LocalHttpsServer requests = new LocalHttpsServer(dir);
                Chain uriSubmitter = Chain.connect(devChain.account(3));
                EthereumTcsClient uriClient = EthereumTcsClient.connect(devChain.account(3), contracts)) {
            startBridge(BridgeSettings.defaults(dir.resolve("checkpoint"))
                    .withRequestUris(ConnectorPolicy.https(List.of(requests.host()), List.of("GET"), 1 << 20)
                            .withTrustPem(requests.trustPem())));
            WorkOrderRegistry asSubmitter = contracts.workOrderRegistry(uriSubmitter);
            // The SDK seals as usual; on chain the request is an https:// URI of its JSON.
            TcsClient byUri = (TcsClient) Proxy.newProxyInstance(
                    TcsClient.class.getClassLoader(), new Class<?>[] {TcsClient.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("workOrderSubmit")) {
                            try {
                                return method.invoke(uriClient, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                        WorkOrderSubmitParams params = (WorkOrderSubmitParams) args[0];
                        String path = "/requests/" + params.workOrderId();
                        requests.serve(path, ProtocolJson.toText(params));
                        asSubmitter
                                .workOrderSubmit(
                                        Bytes32.of(params.workOrderId()),
                                        Bytes32.of(params.workerId()),
                                        Bytes32.of(params.requesterId()),
                                        requests.url(path))
                                .send();
                        return new SubmitReply.Pending("submitted on chain by URI");
                    });
            Requester overUri = Requester.builder(byUri)
                    .requesterKey(Secp256k1.generate())
                    .allowSimulation()
                    .pollBackoff(Duration.ofMillis(20), Duration.ofMillis(250))
                    .awaitTimeout(AWAIT)
                    .build();
            VerifiedWorker worker = workerFromChain();
            assertThat(WorkOrders.run(overUri, worker, "echo-result", "by uri").text(0))
                    .isEqualTo("RESULT: by uri");

            // A host the operator did not allow is never fetched: the order is completed with error 2.
            byte[] refusedId = Bytes32.of(HexFormat.of().formatHex(Sha256.digest("refused")));
            asSubmitter
                    .workOrderSubmit(
                            refusedId, Bytes32.of(worker.workerId()), refusedId, "https://127.0.0.1:1/requests/refused")
                    .send();
            byte[] refusedKey = ProxyContracts.workOrderKey(uriSubmitter.address(), refusedId);
            await().atMost(AWAIT)
                    .until(() -> asSubmitter
                                    .workOrderGet(refusedKey)
                                    .send()
                                    .component1()
                                    .intValueExact()
                            == 2);
            assertThat(asSubmitter.workOrderGet(refusedKey).send().component4())
                    .contains("\"code\":2")
                    .contains("host 127.0.0.1:1 is not allowed");
        }
    }

    /** The on-chain key of a work order that test account {@code account} submitted. */
    private static byte[] onChain(int account, String workOrderId) {
        return ProxyContracts.workOrderKey(
                Credentials.create(devChain.account(account).privateKey()).getAddress(), Bytes32.of(workOrderId));
    }

    /**
     * The block of the (single) event of this kind, optionally with the work order's key as topic 1.
     */
    private long blockOf(org.web3j.abi.datatypes.Event event, String workOrderId) throws Exception {
        EthFilter filter = new EthFilter(
                DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, contracts.workOrderRegistry());
        filter.addSingleTopic(EventEncoder.encode(event));
        if (workOrderId != null) {
            filter.addSingleTopic(Numeric.toHexString(onChain(1, workOrderId)));
        }
        var logs = tcsAccount.web3j().ethGetLogs(filter).send().getLogs();
        assertThat(logs).hasSize(1);
        return ((Log) logs.getFirst().get()).getBlockNumber().longValueExact();
    }

    private List<SubmittedWorkOrder> submitConcurrently(VerifiedWorker worker, int first, int count) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SubmittedWorkOrder>> futures = new ArrayList<>();
            for (int i = first; i < first + count; i++) {
                String input = "order " + i;
                futures.add(pool.submit(() -> requester
                        .newWorkOrder(worker, "echo-result")
                        .input(input)
                        .submit()));
            }
            List<SubmittedWorkOrder> submitted = new ArrayList<>();
            for (Future<SubmittedWorkOrder> future : futures) {
                submitted.add(future.get());
            }
            return submitted;
        }
    }

    /** workOrderCompleted events on chain, counted by work order id. */
    private Map<String, Long> completionsPerWorkOrder() throws Exception {
        EthFilter filter = new EthFilter(
                DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, contracts.workOrderRegistry());
        filter.addSingleTopic(EventEncoder.encode(WorkOrderRegistry.WORKORDERCOMPLETED_EVENT));
        EthLog logs = tcsAccount.web3j().ethGetLogs(filter).send();
        return logs.getLogs().stream()
                .map(result -> WorkOrderRegistry.getWorkOrderCompletedEventFromLog((Log) result.get()))
                .collect(Collectors.groupingBy(event -> Bytes32.hex(event.workOrderId), Collectors.counting()));
    }
}
