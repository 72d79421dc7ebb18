package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PeerUnavailableException;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPeers;
import io.camelot.pool.PoolPolicy;
import io.camelot.pool.PoolRole;
import io.camelot.pool.RpcCallException;
import io.camelot.pool.RpcClient;
import io.camelot.pool.manager.ChildProcess;
import io.camelot.pool.manager.JavaLauncher;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.WorkloadIds;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderOutcome;
import io.camelot.security.PemFiles;
import io.camelot.security.RequestSigner;
import io.camelot.security.SignedRequests;
import io.camelot.server.config.PoolSection;
import io.camelot.server.config.PoolSection.SignatureScheme;
import io.camelot.worker.RetiredKeys;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TCS with a worker pool whose WKMs and WPs are real child JVMs on loopback, used through the SDK
 * as a requester would.
 */
class PoolTest {
    static final String POOL_ID = WorkerConfig.idOf(PoolSection.DEFAULT_NAME);
    static final String REQUESTER = "aa".repeat(32);

    @TempDir
    Path dataDir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    TcsNode node;
    final List<ChildProcess> extraProcesses = new ArrayList<>();
    final List<PeerSecurity> callers = new ArrayList<>();

    Requester start(PoolSection pool) {
        node = tcs.start(TestConfigs.loopback(dataDir).pool(pool).build());
        return tcs.requester();
    }

    static PoolSection pool(int processors, int keyManagers, SignatureScheme scheme, String dedicatedRequester) {
        return pool(processors, keyManagers, scheme, dedicatedRequester, 300);
    }

    /** A fixed pool of WKMs that admit only WPs on their platform. */
    static PoolSection pool(
            int processors, int keyManagers, SignatureScheme scheme, String dedicatedRequester, long graceSeconds) {
        return PoolSection.builder()
                .processors(processors)
                .keyManagers(keyManagers)
                .wpLocalization(PoolSection.Localization.SAME_PLATFORM)
                .signatureScheme(scheme)
                .rotationGraceSeconds(graceSeconds)
                .dedicatedRequester(dedicatedRequester)
                .build();
    }

    @AfterEach
    void stop(TestInfo test) throws IOException {
        extraProcesses.forEach(ChildProcess::close);
        callers.forEach(PeerSecurity::close);
        // Stopped first, so that the children's logs are complete.
        tcs.stop();
        // The children's logs outlive the temporary directory, for diagnosis.
        Path kept = Path.of(
                "target", "pool-logs", test.getTestMethod().orElseThrow().getName());
        Files.createDirectories(kept);
        try (var logs = Files.list(dataDir.resolve("pool"))) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * tls = "dev": every link between serve and its children is HTTPS, and work orders still flow.
     */
    @Test
    void developmentTlsCarriesEveryPoolLink() throws Exception {
        Requester requester = start(pool(1, 2, SignatureScheme.POOL_KEY, "").toBuilder()
                .tls(PoolSection.Tls.DEV)
                .build());
        assertHttpsEverywhereAndServing(requester);
        // A plain-HTTP call to a child gets no answer from its HTTPS endpoint.
        String wkm = node.pool().keyManagers().getFirst().url().replace("https://", "http://");
        assertThatThrownBy(() -> poolClient(wkm).call(PoolApi.GET_RANDOM_ID, Map.of()))
                .isInstanceOf(PeerUnavailableException.class);
    }

    /**
     * tls = "on": every link is HTTPS with the pool CA's certificates from keys_dir; the WP's lists
     * no address (it is checked by the WP name), the others the loopback address they are called at.
     */
    @Test
    void poolCaTlsCarriesEveryPoolLink() throws Exception {
        Path keys = dataDir.resolve("provisioned-keys");
        List<String> loopback = List.of("127.0.0.1");
        PoolIdentities.generate(keys, List.of("wkm-0", "wkm-1"), List.of("wp-0"))
                .issueTls(
                        Map.of(
                                PoolIdentities.MANAGER,
                                loopback,
                                "wkm-0",
                                loopback,
                                "wkm-1",
                                loopback,
                                "wp-0",
                                List.of()),
                        List.of("wp-0"));
        Requester requester = start(pool(1, 2, SignatureScheme.POOL_KEY, "").toBuilder()
                .keysDir(keys.toString())
                .tls(PoolSection.Tls.ON)
                .build());
        assertHttpsEverywhereAndServing(requester);
    }

    /** The manager and the three children serve HTTPS, and pool work orders are served. */
    private void assertHttpsEverywhereAndServing(Requester requester) throws Exception {
        assertThat(node.pool().manager().url()).startsWith("https://");
        assertThat(node.pool().children())
                .hasSize(3)
                .allSatisfy(child -> assertThat(child.url()).startsWith("https://"));
        VerifiedWorker poolWorker = requester.worker(POOL_ID);
        for (int i = 0; i < 3; i++) {
            assertThat(WorkOrders.poolEcho(requester, poolWorker, "tls " + i)).isEqualTo("RESULT: tls " + i);
        }
    }

    @Test
    void oneWkmAndTwoWpsServeWorkOrdersAsOneWorker() throws Exception {
        // WP 1 is dedicated to REQUESTER: its work orders go there, everyone else's to WP 0.
        Requester requester = start(pool(2, 1, SignatureScheme.POOL_KEY, "").toBuilder()
                .wpDedicatedRequesters(List.of("", REQUESTER))
                .build());
        VerifiedWorker poolWorker = requester.worker(POOL_ID);
        VerifiedWorker singleton = requester.worker(node.worker().workerId());
        assertThat(poolWorker.verificationKey().pem())
                .isNotEqualTo(singleton.verificationKey().pem());

        List<SubmittedWorkOrder> submitted = WorkOrders.submitEchoes(requester, "pool ", 24, poolWorker);
        for (int i = 0; i < submitted.size(); i++) {
            WorkOrderOutcome outcome = submitted.get(i).await(WorkOrders.POOL_WAIT);
            assertThat(outcome.text(0)).isEqualTo("RESULT: pool " + i);
            // Signed by the pool key in one step: what the record publishes.
            assertThat(outcome.result().extVerificationKey()).isNull();
        }
        assertThat(Files.readString(node.pool().keyManagers().getFirst().log())).contains("Admitted a WP (1 admitted)");
        for (int i = 0; i < 4; i++) {
            assertThat(requester
                            .newWorkOrder(poolWorker, "echo-result")
                            .requesterId(REQUESTER)
                            .input("mine " + i)
                            .submit()
                            .await(Duration.ofSeconds(120))
                            .text(0))
                    .isEqualTo("RESULT: mine " + i);
        }
        // Both WPs attested and were admitted by the WKM; neither ever held the pool keys.
        assertThat(Files.readString(node.pool().keyManagers().getFirst().log())).contains("Admitted a WP (2 admitted)");
        // The dedicated WP refuses another requester's work order itself, with code 3.
        WorkOrderResponse refused = processDirectly(node.pool().processor(1), poolWorker, "bb".repeat(32));
        assertThat(refused.error().code()).isEqualTo(3);
    }

    /**
     * Impostor WPs get no keys: one with another measurement is refused by the WKM's attestation
     * check, one whose signing key the operator did not list by the Worker Manager (code 3, W1).
     */
    @Test
    void impostorWpsAreRefusedKeysAndAGenuineOneIsServed() throws Exception {
        Requester requester = start(pool(1, 1, SignatureScheme.POOL_KEY, ""));
        VerifiedWorker poolWorker = requester.worker(POOL_ID);
        String manager = node.pool().manager().url();
        Path listedKey = node.pool().identities().keyFile("wp-0");
        ChildProcess impostor = startWp(manager, "00".repeat(32), listedKey);
        ChildProcess genuine = startWp(manager, null, listedKey);
        Path unlistedKey = dataDir.resolve("unlisted-key.pem");
        KeyPair unlistedPair = RequestSigner.newKeyPair();
        PemFiles.writeSecret(unlistedKey, PemFiles.toPkcs8Pem(unlistedPair.getPrivate()));
        ChildProcess unlisted = startWp(manager, null, unlistedKey);

        RpcCallException notListed = (RpcCallException)
                org.assertj.core.api.Assertions.catchThrowable(() -> processDirectly(unlisted, poolWorker));
        assertThat(notListed.code()).isEqualTo(WorkOrderStatus.ACCESS_DENIED.code());
        // Refused on its header, before the body (and so the method name) is read (review L4).
        assertThat(notListed.peerMessage())
                .isEqualTo("Request refused: key "
                        + SignedRequests.keyId(unlistedPair.getPublic())
                        + " is not authorised");
        // Nor does a caller without a pool key get anything from the Worker Manager or a WP.
        KeyPair strangerKey = RequestSigner.newKeyPair();
        RpcClient stranger = new RpcClient(
                manager,
                Duration.ofSeconds(60),
                closedAfter(new PeerSecurity(
                        strangerKey,
                        PoolPeers.of(Map.of(RequestSigner.newKeyPair().getPublic(), PoolRole.WKM)),
                        null,
                        null,
                        Clock.systemUTC())));
        Map<String, String> calls = Map.of(
                manager,
                PoolApi.WORKER_INFO,
                node.pool().keyManager(0).url(),
                PoolApi.WORKER_INFO,
                genuine.url(),
                PoolApi.PROCESS_WORK_ORDER);
        calls.forEach((url, method) -> assertThatThrownBy(() -> stranger.at(url).call(method, Map.of()))
                .isInstanceOfSatisfying(
                        RpcCallException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkOrderStatus.ACCESS_DENIED.code())));
        // Nor a pool-signed receipt update: the WKM signs only for listed peers.
        assertThatThrownBy(
                        () -> stranger.at(node.pool().keyManager(0).url()).call(PoolApi.SIGN_RECEIPT_UPDATE, Map.of()))
                .isInstanceOfSatisfying(RpcCallException.class, e -> {
                    assertThat(e.code()).isEqualTo(WorkOrderStatus.ACCESS_DENIED.code());
                    assertThat(e.peerMessage())
                            .isEqualTo("Request refused: key "
                                    + SignedRequests.keyId(strangerKey.getPublic())
                                    + " is not authorised");
                });

        RpcCallException refused = (RpcCallException)
                org.assertj.core.api.Assertions.catchThrowable(() -> processDirectly(impostor, poolWorker));
        assertThat(refused.code()).isEqualTo(PoolApi.NOT_ADMITTED);
        assertThat(refused.peerMessage()).contains("MEASUREMENT_NOT_ALLOWED");

        WorkOrderResponse served = processDirectly(genuine, poolWorker);
        assertThat(served.failed()).isFalse();
        assertThat(served.result().workerId()).isEqualTo(POOL_ID);
    }

    /**
     * Closed-loop load from three requesters while the key is rotated (on one WKM, copied to the
     * other) and then the WKM in use is killed: every work order completes and verifies, requests
     * sealed to the old key are taken during the grace period and afterwards the SDK moves to the new
     * key by itself.
     */
    @Test
    void rotationAndWkmFailoverUnderLoadLoseNoWorkOrder() throws Exception {
        long graceSeconds = 3;
        Requester requester = start(pool(2, 2, SignatureScheme.POOL_KEY, "", graceSeconds));
        VerifiedWorker before = requester.worker(POOL_ID);
        Load load = new Load(requester, before, 3);
        load.start();
        load.awaitCompleted(9);

        long rotatedAt = System.currentTimeMillis();
        poolClient(node.pool().manager().url()).call(PoolApi.GENERATE_NEW_ENCRYPTION_KEY, Map.of());
        VerifiedWorker after = requester.worker(POOL_ID);
        assertThat(after.encryptionKey().pem())
                .isNotEqualTo(before.encryptionKey().pem());
        load.awaitCompleted(load.completed() + 6);

        node.pool().keyManagers().getFirst().kill();
        int atKill = load.completed();
        load.awaitCompleted(atKill + 9);
        // Past the grace period the load, still holding the old worker record, must have moved on.
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .until(() -> System.currentTimeMillis() > rotatedAt + (graceSeconds + 2) * 1000);
        load.awaitCompleted(load.completed() + 6);
        load.stop();

        assertThat(load.failures()).isEmpty();
        assertThat(load.completed()).isGreaterThanOrEqualTo(30);
        assertThat(load.lastWorker().encryptionKey().pem())
                .isEqualTo(after.encryptionKey().pem());

        // A request still sealed to the old key after the grace period gets a clear error.
        RequestTemplate template = new RequestTemplate(
                "fedcba9876543210".repeat(4),
                POOL_ID,
                WorkloadIds.of("echo-result"),
                REQUESTER,
                "0011",
                6000L,
                null,
                List.of(InputSpec.text("late")),
                List.of());
        var stale = RequestSealer.seal(template, before.sessionKeyWrap(), null).request();
        assertThatThrownBy(() -> tcs.client().workOrderSubmit(stale))
                .isInstanceOfSatisfying(TcsRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.data().path("reason").asText()).isEqualTo(RetiredKeys.REASON);
                });
    }

    /**
     * Receipts of pool work orders end with the pool-signed PROCESSED or FAILED update, as the
     * singleton's do: a WKM signs it whether the receipt was created before the work order completed
     * or after, and the SDK verifies it against the pool's one worker record.
     */
    @Test
    void receiptsOfPoolWorkOrdersGetThePoolSignedUpdate() {
        start(pool(1, 1, SignatureScheme.POOL_KEY, ""));
        Requester requester = tcs.signingRequester();
        VerifiedWorker poolWorker = requester.worker(POOL_ID);

        SubmittedWorkOrder early =
                requester.newWorkOrder(poolWorker, "echo-result").input("early").submit();
        requester.createReceipt(early);
        early.await(Duration.ofSeconds(120));
        SubmittedWorkOrder late =
                requester.newWorkOrder(poolWorker, "echo-result").input("late").submit();
        late.await(Duration.ofSeconds(120));
        requester.createReceipt(late);
        SubmittedWorkOrder failing = requester
                .newWorkOrder(poolWorker, "no-such-workload")
                .input("x")
                .submit();
        assertThatThrownBy(() -> failing.await(Duration.ofSeconds(120))).isInstanceOf(TcsRpcException.class);
        requester.createReceipt(failing);

        for (SubmittedWorkOrder processed : List.of(early, late)) {
            ReceiptUpdateRetrieveResult update =
                    awaitPoolUpdate(requester, poolWorker, processed, ReceiptStatus.PROCESSED);
            // The listener accepts COMPLETED only with the hash of the stored result: the WKM hashed the
            // same bytes.
            requester.updateReceipt(processed.workOrderId(), ReceiptStatus.COMPLETED, update.updateData());
        }
        awaitPoolUpdate(requester, poolWorker, failing, ReceiptStatus.FAILED);
    }

    ReceiptUpdateRetrieveResult awaitPoolUpdate(
            Requester requester, VerifiedWorker poolWorker, SubmittedWorkOrder workOrder, ReceiptStatus status) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(() ->
                        requester.retrieveReceipt(workOrder.workOrderId()).receiptCurrentStatus() == status.code());
        ReceiptUpdateRetrieveResult update =
                requester.receiptUpdate(workOrder.workOrderId(), ReceiptUpdateRetrieveParams.LAST_UPDATE);
        assertThat(update.updateType()).isEqualTo(status.code());
        assertThat(update.updaterId()).isEqualTo(POOL_ID);
        assertThat(update.updateCount()).isEqualTo(1);
        assertThat(requester.verifyReceiptUpdate(update, poolWorker)).isTrue();
        return update;
    }

    /** Requesters that each submit a work order, await and check it, and repeat. */
    static final class Load {
        final Requester requester;
        final VerifiedWorker worker;
        final List<Thread> threads = new ArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger completed = new java.util.concurrent.atomic.AtomicInteger();
        final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile VerifiedWorker lastWorker;
        volatile boolean stopping;

        Load(Requester requester, VerifiedWorker worker, int requesters) {
            this.requester = requester;
            this.worker = worker;
            for (int i = 0; i < requesters; i++) {
                int id = i;
                threads.add(Thread.ofPlatform().unstarted(() -> run(id)));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void run(int id) {
            for (int n = 0; !stopping; n++) {
                String input = "load " + id + "/" + n;
                try {
                    SubmittedWorkOrder order = requester
                            .newWorkOrder(worker, "echo-result")
                            .input(input)
                            .submit();
                    if (!order.await(Duration.ofSeconds(120)).text(0).equals("RESULT: " + input)) {
                        failures.add(new AssertionError("wrong result for " + input));
                    }
                    lastWorker = order.worker();
                    completed.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }

        int completed() {
            return completed.get();
        }

        List<Throwable> failures() {
            return failures;
        }

        VerifiedWorker lastWorker() {
            return lastWorker;
        }

        void awaitCompleted(int count) {
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .until(() -> completed.get() >= count || !failures.isEmpty());
            assertThat(failures).isEmpty();
        }

        void stop() throws InterruptedException {
            stopping = true;
            for (Thread thread : threads) {
                thread.join(Duration.ofMinutes(3));
            }
        }
    }

    /** Seals an echo work order to the pool's key and hands it to one WP, bypassing the listener. */
    WorkOrderResponse processDirectly(ChildProcess wp, VerifiedWorker poolWorker) {
        return processDirectly(wp, poolWorker, REQUESTER);
    }

    WorkOrderResponse processDirectly(ChildProcess wp, VerifiedWorker poolWorker, String requesterId) {
        return processDirectly(wp, poolWorker, requesterId, null);
    }

    /**
     * @param requesterKey signs the work order, or null for an unsigned one
     */
    WorkOrderResponse processDirectly(
            ChildProcess wp, VerifiedWorker poolWorker, String requesterId, PublicKeySign requesterKey) {
        RequestTemplate template = new RequestTemplate(
                "0123456789abcdef".repeat(4),
                POOL_ID,
                WorkloadIds.of("echo-result"),
                requesterId,
                "00112233",
                6000L,
                null,
                List.of(InputSpec.text("direct")),
                List.of());
        var params = RequestSealer.seal(template, poolWorker.sessionKeyWrap(), requesterKey)
                .request();
        var result =
                poolClient(wp.url()).call(PoolApi.PROCESS_WORK_ORDER, Map.of("request", ProtocolJson.toTree(params)));
        return ProtocolJson.bind(result.path("response"), WorkOrderResponse.class);
    }

    /** A client of pool-internal APIs signing with the pool's own (Worker Manager's) key. */
    RpcClient poolClient(String url) {
        return new RpcClient(
                url,
                Duration.ofSeconds(60),
                closedAfter(node.pool().identities().managerSecurity(Clock.systemUTC())));
    }

    PeerSecurity closedAfter(PeerSecurity caller) {
        callers.add(caller);
        return caller;
    }

    /**
     * WKMs that run on their own, as a StatefulSet's pods would (the replica joins the first with wkm
     * --join): serve starts none, publishes the keys they hold and fails over between them.
     */
    @Test
    void externalKeyManagersServeThePoolAndTheReplicaTakesOver() throws Exception {
        // Provisioned as for pods: each WKM its own key, serve the manager's, all admitting each other.
        Path keys = dataDir.resolve("provisioned-keys");
        PoolIdentities.generate(keys, List.of("wkm-a", "wkm-b"), List.of("wp-0"));
        ChildProcess first = startWkm(keys, "wkm-a", "--generate-keys");
        ChildProcess replica = startWkm(keys, "wkm-b", "--join", first.url());
        Requester requester = start(pool(1, 1, SignatureScheme.POOL_KEY, "").toBuilder()
                .keyManagerUrls(List.of(first.url(), replica.url()))
                .keysDir(keys.toString())
                .build());
        assertThat(node.pool().keyManagers()).isEmpty();
        VerifiedWorker poolWorker = requester.worker(POOL_ID);
        for (int i = 0; i < 3; i++) {
            assertThat(WorkOrders.poolEcho(requester, poolWorker, "first " + i)).isEqualTo("RESULT: first " + i);
        }
        first.kill();
        for (int i = 0; i < 3; i++) {
            assertThat(WorkOrders.poolEcho(requester, poolWorker, "replica " + i))
                    .isEqualTo("RESULT: replica " + i);
        }
        assertThat(Files.readString(replica.log())).contains("Admitted a WP");
    }

    ChildProcess startWkm(Path keys, String member, String... roleArgs) {
        String name = "test-wkm-" + extraProcesses.size();
        List<String> args = new ArrayList<>(List.of(
                "wkm",
                "--exit-with-parent",
                "--data-dir",
                dataDir.resolve(name).toString(),
                "--tee-dir",
                dataDir.resolve("tee").toString(),
                "--port",
                "0",
                "--signing-key",
                keys.resolve(PoolIdentities.keyFileName(member)).toString(),
                "--peer-keys",
                keys.resolve(PoolIdentities.PEERS_FILE).toString()));
        args.addAll(List.of(roleArgs));
        ChildProcess wkm = ChildProcess.start(
                name,
                JavaLauncher.ofThisJvm(CamelotCli.class.getName()).command(args),
                dataDir.resolve(name + ".log"),
                ChildProcess.DEFAULT_START_TIMEOUT);
        extraProcesses.add(wkm);
        return wkm;
    }

    /** A WP outside the pool's own; it signs with {@code signingKey} and admits the pool's peers. */
    ChildProcess startWp(String manager, String simulatedMeasurement, Path signingKey) {
        List<String> args = new ArrayList<>(List.of(
                "wp",
                "--exit-with-parent",
                "--manager",
                manager,
                "--tee-dir",
                dataDir.resolve("tee").toString(),
                "--signing-key",
                signingKey.toString(),
                "--peer-keys",
                node.pool().identities().peersFile().toString()));
        if (simulatedMeasurement != null) {
            args.add("--simulated-measurement");
            args.add(simulatedMeasurement);
        }
        ChildProcess wp = ChildProcess.start(
                "test-wp",
                JavaLauncher.ofThisJvm(CamelotCli.class.getName()).command(args),
                dataDir.resolve("test-wp-" + extraProcesses.size() + ".log"),
                ChildProcess.DEFAULT_START_TIMEOUT);
        extraProcesses.add(wp);
        return wp;
    }

    /**
     * The pool is dedicated to REQUESTER's key (M7): its id alone, which anyone may send, gets
     * nothing.
     */
    @Test
    void extKeyResultsVerifyTwoStepAndADedicatedPoolRefusesOtherRequesterKeys() throws IOException {
        PublicKeySign requesterKey = Secp256k1.generate();
        Path requesterPem = Files.writeString(
                dataDir.resolve("requester.pem"), requesterKey.verifier().pem());
        Requester unsigned = start(pool(1, 1, SignatureScheme.EXT_KEY, requesterPem.toString()));
        Requester requester = Requester.builder(tcs.client())
                .requesterKey(requesterKey)
                .allowSimulation()
                .build();
        VerifiedWorker poolWorker = requester.worker(POOL_ID);

        WorkOrderOutcome outcome = requester
                .newWorkOrder(poolWorker, "echo-result")
                .requesterId(REQUESTER)
                .input("two-step")
                .submit()
                .await(Duration.ofSeconds(120));
        assertThat(outcome.text(0)).isEqualTo("RESULT: two-step");
        assertThat(outcome.result().extVerificationKey()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(outcome.result().extVerificationKeySignature()).isNotBlank();
        // The receipt update is signed with the pool key itself, the record's, not a per-work-order
        // key.
        SubmittedWorkOrder receipted = requester
                .newWorkOrder(poolWorker, "echo-result")
                .requesterId(REQUESTER)
                .input("receipt")
                .submit();
        receipted.await(Duration.ofSeconds(120));
        requester.createReceipt(receipted);
        awaitPoolUpdate(requester, poolWorker, receipted, ReceiptStatus.PROCESSED);

        assertThatThrownBy(() -> unsigned.newWorkOrder(poolWorker, "echo-result")
                        .requesterId("bb".repeat(32))
                        .input("x")
                        .submit())
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(3));
        Requester impostor = tcs.signingRequester();
        assertThatThrownBy(() -> impostor.newWorkOrder(poolWorker, "echo-result")
                        .requesterId(REQUESTER)
                        .input("y")
                        .submit())
                .isInstanceOfSatisfying(TcsRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(3);
                    assertThat(e.getMessage()).contains(PoolPolicy.OTHER_REQUESTER_KEY);
                });
        // Past the listener's gate, the WKM refuses the impostor's key itself.
        WorkOrderResponse direct =
                processDirectly(node.pool().processor(0), poolWorker, REQUESTER, Secp256k1.generate());
        assertThat(direct.error().code()).isEqualTo(3);
        assertThat(direct.error().message()).contains(PoolPolicy.OTHER_REQUESTER_KEY);
    }
}
