package io.camelot.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelot.protocol.ReceiptStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay state machine on an in-memory chain and TCS: exactly once, in any order, across restarts. */
class BridgeTest {
    private static final Duration AWAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final InMemoryChain chain = new InMemoryChain();
    private final EchoTcs tcs = new EchoTcs();
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private Bridge start() throws InterruptedException {
        RelaySettings settings = new RelaySettings(
                dir.resolve("checkpoint"),
                0,
                Duration.ofSeconds(10),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(20)),
                Duration.ofMinutes(10),
                RelaySettings.noRequestUris(),
                8);
        bridge = Bridge.start(chain, tcs, settings);
        return bridge;
    }

    private void submit(String id) {
        chain.submit("alice", id, EchoTcs.WORKER, request(id, EchoTcs.WORKER), 0);
    }

    @Test
    void relaysItsWorkersOrdersOnceEachAndPassesTheOthers() throws Exception {
        start();
        assertThat(chain.workers).containsOnlyKeys(EchoTcs.WORKER);
        for (int i = 0; i < 20; i++) {
            submit(String.format("a%03d", i));
        }
        chain.submit("bob", "b001", "0c0c", request("b001", "0c0c"), 0);
        chain.submit("bob", "b002", EchoTcs.WORKER, request("b002", EchoTcs.WORKER), 1); // refused by the chain

        await().atMost(AWAIT).until(() -> bridge.checkpoint().block() == 21);
        assertThat(chain.completions)
                .hasSize(20)
                .allSatisfy((key, count) -> assertThat(count).hasValue(1));
        assertThat(chain.receiptUpdates).hasSize(20);
        assertThat(chain.receiptStatus)
                .allSatisfy((key, status) -> assertThat(status).isEqualTo(ReceiptStatus.PROCESSED));
        assertThat(tcs.runs)
                .hasSize(20)
                .allSatisfy((id, runs) -> assertThat(runs).hasValue(1));
        assertThat(bridge.relayedWorkOrders()).isEqualTo(20);
        assertThat(new FileCheckpoint(dir.resolve("checkpoint")).load()).hasValue(new Checkpoint(21, "tx21"));
    }

    @Test
    void aFailingRelayHoldsTheCheckpointWhileLaterOrdersCompleteThenSucceeds() throws Exception {
        chain.failCompletions.put("alice/a001", new AtomicInteger(Integer.MAX_VALUE));
        start();
        for (int i = 0; i < 5; i++) {
            submit(String.format("a%03d", i));
        }
        await().atMost(AWAIT).until(() -> chain.completions.size() == 4 && bridge.failedRelays() > 0);
        assertThat(bridge.checkpoint()).isEqualTo(new Checkpoint(0, "tx0"));
        assertThat(bridge.relayProblem())
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("alice/a001").contains("the orderer is unavailable"));

        chain.failCompletions.get("alice/a001").set(0);
        await().atMost(AWAIT).until(() -> bridge.checkpoint().block() == 4);
        assertThat(chain.completions)
                .hasSize(5)
                .allSatisfy((key, count) -> assertThat(count).hasValue(1));
        assertThat(tcs.runs.get("a001"))
                .as("the TCS ran it once; retries read its stored outcome")
                .hasValue(1);
        assertThat(bridge.relayProblem()).isEmpty();
    }

    @Test
    void aWorkOrderTheChainRefusesForGoodIsCountedAndPassed() throws Exception {
        chain.refuse.add("alice/a001");
        start();
        for (int i = 0; i < 3; i++) {
            submit(String.format("a%03d", i));
        }
        await().atMost(AWAIT).until(() -> bridge.checkpoint().block() == 2);
        assertThat(bridge.refusedWorkOrders()).isEqualTo(1);
        assertThat(bridge.failedRelays()).as("a refusal is not retried").isZero();
        assertThat(chain.completions).containsOnlyKeys("alice/a000", "alice/a002");
    }

    @Test
    void aRestartResumesFromTheCheckpointAndRepeatsNothing() throws Exception {
        tcs.unreachable.put("a003", new AtomicInteger(Integer.MAX_VALUE));
        start();
        for (int i = 0; i < 6; i++) {
            submit(String.format("a%03d", i));
        }
        await().atMost(AWAIT).until(() -> chain.completions.size() == 5);
        bridge.close();
        assertThat(new FileCheckpoint(dir.resolve("checkpoint")).load()).hasValue(new Checkpoint(2, "tx2"));

        tcs.unreachable.clear();
        submit("a006");
        start();
        await().atMost(AWAIT).until(() -> bridge.checkpoint().block() == 6);
        assertThat(chain.completions)
                .hasSize(7)
                .allSatisfy((key, count) -> assertThat(count).hasValue(1));
        assertThat(chain.receiptUpdates)
                .hasSize(7)
                .allSatisfy((key, count) -> assertThat(count).hasValue(1));
        assertThat(tcs.runs)
                .hasSize(7)
                .allSatisfy((id, runs) -> assertThat(runs).hasValue(1));
    }

    @Test
    void aRequestWhoseIdsDifferFromTheEventIsCompletedWithAnErrorWithoutRunning() throws Exception {
        start();
        chain.submit("mallory", "d001", EchoTcs.WORKER, request("ee01", EchoTcs.WORKER), 0);
        chain.submit("mallory", "d002", EchoTcs.WORKER, "not json", 0);

        await().atMost(AWAIT).until(() -> bridge.checkpoint().block() == 1);
        assertThat(chain.responses.get("mallory/d001")).contains("\"code\":2").contains("differ");
        assertThat(chain.responses.get("mallory/d002")).contains("\"error\"");
        assertThat(chain.receiptStatus).containsValues(ReceiptStatus.FAILED, ReceiptStatus.FAILED);
        assertThat(tcs.runs).isEmpty();
    }

    /** A well-formed WorkOrderSubmit request (ids in hex); nothing in it is really sealed. */
    private static String request(String workOrderId, String workerId) {
        return """
                {"workOrderId":"%s","responseTimeoutMSecs":6000,"payloadFormat":"JSON-RPC",\
                "workloadId":"6563686f","workerId":"%s","requesterId":"aa","requesterNonce":"01",\
                "sessionKeyIv":"000000000000000000000000","encryptedSessionKey":"01","encryptedRequestHash":"01",\
                "inData":[{"index":0,"dataHash":"","data":"aGk=","encryptedDataEncryptionKey":"-","iv":""}]}""".formatted(workOrderId, workerId);
    }
}
