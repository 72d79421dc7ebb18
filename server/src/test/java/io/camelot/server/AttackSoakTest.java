package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack soak (issue 18, review section 3): legitimate requesters submit, await and verify work
 * orders while attackers on the same loopback run every service-level attack a singleton TCS is
 * open to, for {@code camelot.soak.seconds} (default 15). Every legitimate work order must complete
 * with a verified result, and every attack must get its documented refusal; the figures (legitimate
 * latency percentiles, attacks by answer) are printed, not asserted. Pool and chain attacks have
 * their own tests (docs/SECURITY.md). Run longer with {@code -Dcamelot.soak.seconds=120}.
 */
class AttackSoakTest {
    private static final int LEGITIMATE_REQUESTERS = 3;
    private static final int ATTACKERS = 3;

    @TempDir
    Path dataDir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Map<String, LongAdder>> answers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> legitimateIds = new ConcurrentLinkedQueue<>();
    private String url;

    /** One attack: a name, the answers it may get (anything else fails the soak), and one try. */
    private record Attack(String name, Set<String> expected, Supplier<String> attempt) {}

    @Test
    void legitimateWorkOrdersAllCompleteVerifiedWhileEveryAttackIsRefused() throws Exception {
        TcsNode node =
                tcs.start(TestConfigs.loopback(dataDir).workerConcurrency(2).build());
        url = node.url("127.0.0.1");
        String workerId = WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME);
        Duration soak = Duration.ofSeconds(Long.getLong("camelot.soak.seconds", 15));

        Requester attacker = requester();
        VerifiedWorker attackersView = attacker.worker(workerId);
        Requester unsigned = Requester.builder(tcs.client()).allowSimulation().build();
        List<Attack> attacks = attacks(workerId, attacker, attackersView, unsigned);

        Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        LongAdder legitimateFailures = new LongAdder();
        ConcurrentLinkedQueue<String> failureMessages = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + soak.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < LEGITIMATE_REQUESTERS; r++) {
                Requester requester = requester();
                VerifiedWorker worker = requester.worker(workerId);
                running.add(threads.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        String input = "legitimate " + n++;
                        long start = System.nanoTime();
                        try {
                            SubmittedWorkOrder sent = requester
                                    .newWorkOrder(worker, "echo-result")
                                    .input(input)
                                    .submit();
                            requester.createReceipt(sent);
                            legitimateIds.add(sent.workOrderId());
                            String output = sent.await(Duration.ofSeconds(60)).text(0);
                            if (!output.equals("RESULT: " + input)) {
                                throw new IllegalStateException("wrong output " + output);
                            }
                            synchronized (latencyMicros) {
                                latencyMicros.recordValue((System.nanoTime() - start) / 1_000);
                            }
                        } catch (RuntimeException e) {
                            legitimateFailures.increment();
                            failureMessages.add(e.toString());
                        }
                    }
                }));
            }
            for (int a = 0; a < ATTACKERS; a++) {
                int first = a;
                running.add(threads.submit(() -> {
                    int i = first;
                    while (System.nanoTime() < deadline) {
                        Attack attack = attacks.get(i++ % attacks.size());
                        answers.computeIfAbsent(attack.name(), k -> new ConcurrentHashMap<>())
                                .computeIfAbsent(attack.attempt().get(), k -> new LongAdder())
                                .increment();
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }

        System.out.printf(
                "Attack soak, %d s, %d legitimate requesters, %d attackers on loopback:%n"
                        + "  legitimate work orders: %d completed and verified, %d failed;"
                        + " latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                soak.toSeconds(),
                LEGITIMATE_REQUESTERS,
                ATTACKERS,
                latencyMicros.getTotalCount(),
                legitimateFailures.sum(),
                latencyMicros.getValueAtPercentile(50) / 1e3,
                latencyMicros.getValueAtPercentile(99) / 1e3,
                latencyMicros.getMaxValue() / 1e3);
        new TreeMap<>(answers)
                .forEach((name, byAnswer) -> System.out.printf("  %-28s %s%n", name, new TreeMap<>(byAnswer)));

        assertThat(failureMessages).as("legitimate work orders that failed").isEmpty();
        assertThat(latencyMicros.getTotalCount()).isPositive();
        for (Attack attack : attacks) {
            assertThat(answers.get(attack.name()))
                    .as("answers to %s", attack.name())
                    .isNotEmpty()
                    .allSatisfy((answer, count) -> assertThat(attack.expected()).contains(answer));
        }
        // The operator's mark was never changed by an attacker, and every legitimate receipt holds
        // only updates its creator or the worker wrote.
        assertThat(tcs.client().workerRetrieve(workerId).status()).isEqualTo(1);
        Requester auditor = requester();
        VerifiedWorker worker = auditor.worker(workerId);
        for (String id : legitimateIds) {
            assertThat(auditor.retrieveReceipt(id).receiptCurrentStatus())
                    .as("status of %s", id)
                    .isNotEqualTo((long) ReceiptStatus.COMPLETED.code());
            int updates;
            try {
                updates = auditor.receiptUpdate(id, 0).updateCount();
            } catch (TcsRpcException noUpdateYet) {
                continue;
            }
            for (int index = 0; index < updates; index++) {
                assertThat(auditor.verifyReceiptUpdate(auditor.receiptUpdate(id, index), worker))
                        .as("update %d of %s is the worker's", index, id)
                        .isTrue();
            }
        }
    }

    private Requester requester() {
        return Requester.builder(tcs.client())
                .requesterKey(Secp256k1.generate())
                .allowSimulation()
                .build();
    }

    private List<Attack> attacks(String workerId, Requester attacker, VerifiedWorker worker, Requester unsigned) {
        Random random = new Random(7);
        String code2 = "code " + ErrorCode.INVALID_PARAMETER.code();
        String busy = "code " + WorkOrderStatus.BUSY.code();
        return List.of(
                // H2: the TCS as a proxy into the operator's network.
                new Attack(
                        "notifyUri SSRF",
                        Set.of(code2),
                        () -> rpc(() -> attacker.newWorkOrder(worker, "echo-result")
                                .input("x")
                                .notifyUri("http://169.254.169.254/latest/meta-data/")
                                .submit())),
                // R3: a request seen in transit, submitted again.
                new Attack("replay", Set.of(code2, busy), () -> {
                    SubmittedWorkOrder first = attacker.newWorkOrder(worker, "echo-result")
                            .input("mine")
                            .submit();
                    return rpc(() -> tcs.client().workOrderSubmit(first.request()));
                }),
                // M3: work for a worker nobody serves, to fill the queue.
                new Attack(
                        "unserved worker",
                        Set.of(code2),
                        () -> call(
                                "WorkOrderSubmit",
                                Map.of(
                                        "responseTimeoutMSecs", 1000,
                                        "payloadFormat", "JSON-RPC",
                                        "resultUri", "",
                                        "notifyUri", "",
                                        "workOrderId", hex(random, 32),
                                        "workerId", hex(random, 32),
                                        "workloadId", hex(random, 8),
                                        "requesterId", hex(random, 32),
                                        "requesterNonce", hex(random, 16),
                                        "inData", List.of()))),
                // H5: sealed junk the worker cannot open, as large as the item limit allows, to fill
                // the store; it is stored and fails in the worker, or is refused as BUSY.
                new Attack(
                        "store filling junk",
                        Set.of("accepted", busy, code2),
                        () -> rpc(() -> attacker.newWorkOrder(worker, "echo-result")
                                .input(new byte[48 * 1024])
                                .submit())),
                // R8: a third party writing someone else's receipt.
                new Attack("foreign receipt update", Set.of(code2, "nothing to attack yet"), () -> {
                    String victim = legitimateIds.peek();
                    return victim == null
                            ? "nothing to attack yet"
                            : rpc(() -> attacker.updateReceipt(victim, ReceiptStatus.COMPLETED, "forged"));
                }),
                // R6: operator methods from a requester.
                new Attack(
                        "operator method",
                        Set.of("code " + ErrorCode.ACCESS_DENIED.code()),
                        () -> call("WorkerSetStatus", Map.of("workerId", workerId, "status", 4))),
                // M5: resource locks without a signature to scope them.
                new Attack(
                        "unsigned resource lock",
                        Set.of(code2),
                        () -> rpc(() -> unsigned.newWorkOrder(worker, "simple-wallet")
                                .input("balance alice")
                                .writes("alice")
                                .submit())),
                // L3: a status filter past the long range.
                new Attack(
                        "receipt filter overflow",
                        Set.of(code2),
                        () -> call("WorkOrderReceiptLookUp", Map.of("receiptStatus", "ffffffffffffffff"))),
                // R1/R2: bytes that are not a request.
                new Attack("malformed body", Set.of("code -32700", "code -32600", code2), () -> {
                    byte[] junk = new byte[1 + random.nextInt(512)];
                    random.nextBytes(junk);
                    return post(http, junk);
                }),
                // The listener refuses from the Content-Length (code 2) and closes the connection, so
                // the client's upload of the rest usually fails: the TCS never reads the 20 MiB.
                new Attack("oversized body", Set.of(code2, "closed before the upload ended"), () -> {
                    // Its own connection, which the listener closes after refusing.
                    try (HttpClient own = HttpClient.newHttpClient()) {
                        return post(own, new byte[20 * 1024 * 1024]);
                    }
                }));
    }

    /** The answer to an SDK call: "accepted", or the JSON-RPC code it was refused with. */
    private static String rpc(Runnable call) {
        try {
            call.run();
            return "accepted";
        } catch (TcsRpcException e) {
            return "code " + e.code();
        }
    }

    private String call(String method, Map<String, Object> params) {
        return post(http, ProtocolJson.toBytes(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params)));
    }

    /** Posts raw bytes; the answer is an HTTP status other than 200, or the JSON-RPC error code. */
    private String post(HttpClient client, byte[] body) {
        try {
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return "http " + response.statusCode();
            }
            var reply = ProtocolJson.parse(response.body());
            return reply.has("error")
                    ? "code " + reply.path("error").path("code").asInt()
                    : "accepted";
        } catch (java.io.IOException e) {
            return "closed before the upload ended";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
