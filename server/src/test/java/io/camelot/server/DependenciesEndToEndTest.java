package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.Tee;
import io.camelot.jsonrpc.RpcServer;
import io.camelot.listener.DirectModel;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.WorkerKeyRotation;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderOutcome;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.Workloads;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared dependencies through the SDK over real HTTP, on a node with two workers sharing one
 * store and one queue manager: resource locks across workers, failure propagation, refusals and
 * verified hand-off chains.
 */
class DependenciesEndToEndTest {
    @TempDir
    Path dataDir;

    Vertx vertx;
    RpcServer listener;
    DirectTcsClient client;
    final List<String> workerIds = new ArrayList<>();

    /** Stores, queues and workers the node runs, closed in reverse order. */
    final NodeAssembly started = new NodeAssembly();

    /** Scheduler plus two SingletonWorkers (simulated TEE) sharing the store, and the listener. */
    @BeforeEach
    void startTwoWorkerNode() {
        Clock clock = Clock.systemUTC();
        TcsStore store = started.add(LmdbTcsStore.open(dataDir.resolve("store"), 256L << 20));
        PersistentWorkOrderQueue queue = started.add(new PersistentWorkOrderQueue(store, queueSettings(), clock));
        Tee tee = SimulatedTee.open(dataDir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), clock);
        for (String name : List.of("dep-worker-a", "dep-worker-b")) {
            WorkerConfig config = workerConfig(name);
            SingletonWorker worker =
                    new SingletonWorker(config, WorkerKeys.generate(), tee, Workloads.load(), store, clock);
            worker.register();
            queue.attach(worker.workerId(), worker, config.concurrency());
            workerIds.add(worker.workerId());
        }
        serve(store, queue);
    }

    static QueueSettings queueSettings() {
        return new QueueSettings(10_000, Duration.ofHours(1), 100_000, Duration.ofMinutes(10));
    }

    static WorkerConfig workerConfig(String name) {
        return new WorkerConfig(
                name, WorkerConfig.DEFAULT_ORGANIZATION_ID, WorkerConfig.DEFAULT_APPLICATION_TYPE_ID, 2);
    }

    /** Starts the listener on {@code queue} and the SDK client talking to it. */
    void serve(TcsStore store, WorkOrderQueue queue) {
        vertx = Vertx.vertx();
        ListenerConfig listenerConfig =
                new ListenerConfig("127.0.0.1", 0, 1 << 20, false, Duration.ofSeconds(9), false);
        listener = DirectModel.server(
                vertx, listenerConfig, store, queue, WorkerKeyRotation.NONE, new CompositeMeterRegistry());
        listener.start();
        client = DirectTcsClient.create("http://127.0.0.1:" + listener.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        listener.close();
        started.close();
        vertx.close().await();
    }

    /** The first output of a {@code simple-wallet} command that writes {@code account}'s wallet. */
    static String wallet(Requester requester, VerifiedWorker worker, String account, String command) {
        return requester
                .newWorkOrder(worker, "simple-wallet")
                .writes("wallet:" + account)
                .input(command)
                .submit()
                .await()
                .text(0);
    }

    Requester requester() {
        return Requester.builder(client)
                .requesterKey(Secp256k1.generate())
                .allowSimulation()
                .awaitTimeout(Duration.ofMinutes(3))
                .build();
    }

    @Test
    void hundredsOfConcurrentWalletWorkOrdersOnTwoWorkersLoseNoUpdate() throws Exception {
        Requester requester = requester();
        List<VerifiedWorker> workers = workerIds.stream().map(requester::worker).toList();
        for (String account : List.of("alice", "bob")) {
            wallet(requester, workers.get(0), account, "deposit " + account + " 1000");
        }
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            commands.add("deposit alice 1");
        }
        for (int i = 0; i < 50; i++) {
            commands.add("withdraw alice 1");
            commands.add("transfer alice bob 2");
            commands.add("transfer bob alice 1");
        }
        java.util.Collections.shuffle(commands, new java.util.Random(7));

        ExecutorService submitters = Executors.newFixedThreadPool(16);
        List<Future<SubmittedWorkOrder>> submitted = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            String command = commands.get(i);
            VerifiedWorker worker = workers.get(i % 2);
            submitted.add(submitters.submit(() -> {
                var builder = requester.newWorkOrder(worker, "simple-wallet").input(command);
                // Declared in the order the command names them; the gate sorts them.
                String[] words = command.split(" ");
                if (words[0].equals("transfer")) {
                    builder.writes("wallet:" + words[1], "wallet:" + words[2]);
                } else {
                    builder.writes("wallet:" + words[1]);
                }
                return builder.submit();
            }));
        }
        for (Future<SubmittedWorkOrder> future : submitted) {
            WorkOrderOutcome outcome = future.get(3, TimeUnit.MINUTES).await();
            assertThat(outcome.text(0)).matches("WALLET RESULT: (alice|bob)::[0-9]+(,(alice|bob)::[0-9]+)?");
        }
        submitters.shutdown();

        // 1000 + 150 - 50 - 100 + 50 for alice, 1000 + 100 - 50 for bob; each final deposit adds 1.
        assertThat(wallet(requester, workers.get(1), "alice", "deposit alice 1"))
                .isEqualTo("WALLET RESULT: alice::1051");
        assertThat(wallet(requester, workers.get(0), "bob", "deposit bob 1")).isEqualTo("WALLET RESULT: bob::1051");
    }

    @Test
    void eachRequesterKeysWalletAliceIsItsOwnAccountUnderItsOwnLock() {
        Requester owner = requester();
        Requester stranger = requester();
        VerifiedWorker ownersWorker = owner.worker(workerIds.get(0));
        VerifiedWorker strangersWorker = stranger.worker(workerIds.get(1));
        assertThat(wallet(owner, ownersWorker, "alice", "deposit alice 10")).isEqualTo("WALLET RESULT: alice::10");
        // Another key's wallet:alice is another lock, so it must be another account.
        assertThat(wallet(stranger, strangersWorker, "alice", "withdraw alice 10"))
                .isEqualTo("WALLET RESULT: No wallet details found");
        assertThat(wallet(owner, ownersWorker, "alice", "deposit alice 1")).isEqualTo("WALLET RESULT: alice::11");
    }

    @Test
    void anUnsignedWorkOrderDeclaringResourcesIsRefused() {
        Requester unsigned = Requester.builder(client)
                .allowSimulation()
                .awaitTimeout(Duration.ofMinutes(3))
                .build();
        VerifiedWorker worker = unsigned.worker(workerIds.get(0));
        WorkOrders.assertRpcError(
                () -> unsigned.newWorkOrder(worker, "simple-wallet")
                        .writes("wallet:alice")
                        .input("deposit alice 5")
                        .submit(),
                2,
                "resources need a signed work order");
    }

    @Test
    void aWalletWorkOrderCannotTouchAnAccountItDidNotDeclare() {
        Requester requester = requester();
        VerifiedWorker worker = requester.worker(workerIds.get(0));
        assertThatThrownBy(() -> wallet(requester, worker, "alice", "deposit mallory 5"))
                .isInstanceOf(TcsRpcException.class)
                .hasMessageContaining("resource wallet:mallory is not declared for read");
        // A read lock is not enough to write.
        WorkOrders.assertRpcError(
                () -> requester
                        .newWorkOrder(worker, "simple-wallet")
                        .reads("wallet:alice")
                        .input("deposit alice 5")
                        .submit()
                        .await(),
                1,
                "resource wallet:alice is not declared for write");
    }

    @Test
    void aHandOffChainOfThreeIsVerifiedEndToEndBySdk() {
        Requester requester = requester();
        VerifiedWorker worker = requester.worker(workerIds.get(1));
        SubmittedWorkOrder first =
                requester.newWorkOrder(worker, "echo-result").input("Hello").submit();
        SubmittedWorkOrder second = requester
                .newWorkOrder(worker, "echo-result")
                .inputFrom(first, 0)
                .submit();
        SubmittedWorkOrder third = requester
                .newWorkOrder(worker, "echo-result")
                .input("and")
                .inputFrom(second, 0)
                .submit();

        List<WorkOrderOutcome> chain = third.awaitChain();

        assertThat(chain).hasSize(3);
        assertThat(chain.get(0).text(0)).isEqualTo("RESULT: Hello");
        assertThat(chain.get(1).text(0)).isEqualTo("RESULT: RESULT: Hello");
        assertThat(chain.get(2).outputs())
                .extracting(p -> p.text())
                .containsExactly("RESULT: and", "RESULT: RESULT: RESULT: Hello");
        WorkOrderResult last = chain.get(2).result();
        assertThat(last.predecessors())
                .extracting(WorkOrderResult.PredecessorLink::workOrderId)
                .containsExactly(second.workOrderId());
        // The requester never sent the handed-off data: the placeholder went out empty.
        assertThat(third.request().inData().get(1).data()).isEmpty();
    }

    @Test
    void anotherRequesterCannotTakeAPredecessorsOutput() {
        Requester owner = requester();
        Requester thief = requester();
        VerifiedWorker worker = owner.worker(workerIds.get(0));
        SubmittedWorkOrder secret =
                owner.newWorkOrder(worker, "echo-result").input("secret").submit();
        secret.await();
        SubmittedWorkOrder stolen = thief.newWorkOrder(thief.worker(workerIds.get(0)), "echo-result")
                .inputFrom(secret, 0)
                .submit();

        WorkOrders.assertRpcError(stolen::await, 3, "must be signed by the same requester key");
    }

    @Test
    void aFailedPredecessorFailsItsSuccessorsAcrossWorkersNamingIt() {
        Requester requester = requester();
        VerifiedWorker a = requester.worker(workerIds.get(0));
        VerifiedWorker b = requester.worker(workerIds.get(1));
        SubmittedWorkOrder broken =
                requester.newWorkOrder(a, "no-such-workload").input("x").submit();
        SubmittedWorkOrder next = requester
                .newWorkOrder(b, "echo-result")
                .after(broken)
                .input("y")
                .submit();
        SubmittedWorkOrder last =
                requester.newWorkOrder(a, "echo-result").after(next).input("z").submit();

        assertThatThrownBy(broken::await).isInstanceOf(TcsRpcException.class);
        WorkOrders.assertRpcError(next::await, 1, "predecessor work order " + broken.workOrderId() + " failed: code 9");
        assertThatThrownBy(last::await)
                .hasMessageContaining("predecessor work order " + next.workOrderId() + " failed");
    }

    @Test
    void unknownPredecessorsAreRefusedAtSubmitWithCodeTwo() {
        Requester requester = requester();
        VerifiedWorker worker = requester.worker(workerIds.get(0));
        // A work order built but never submitted is unknown to the TCS.
        SubmittedWorkOrder submitted =
                requester.newWorkOrder(worker, "echo-result").input("a").submit();
        String fakeId = "ab".repeat(32);
        var builder = requester.newWorkOrder(worker, "echo-result").input("b").after(submitted);
        assertThat(builder.submit().await().text(0)).isEqualTo("RESULT: b");

        WorkOrders.assertRpcError(
                () -> requester
                        .newWorkOrder(worker, "echo-result")
                        .input("c")
                        .workOrderId("cd".repeat(32))
                        .afterId(fakeId)
                        .submit(),
                2,
                "unknown predecessor work order " + fakeId);
    }
}
