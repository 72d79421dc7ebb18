package io.camelot.listener;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.attestation.SimulatedTee;
import io.camelot.jsonrpc.JsonRpcDispatcher;
import io.camelot.jsonrpc.RpcServer;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.security.RateLimiter;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.Workloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole TCS for tests: a store, the persistent queue, a real singleton worker, the listener on
 * 127.0.0.1 with a free port, and an HTTP client that talks to it like Avalon's clients do.
 */
final class TestTcs implements AutoCloseable {
    static final String ECHO = HexFormat.of().formatHex("echo-result".getBytes(StandardCharsets.UTF_8));
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final WorkerKeys KEYS = WorkerKeys.generate();

    final TcsStore store;
    final PersistentWorkOrderQueue queue;
    final SingletonWorker worker;
    final Vertx vertx;
    final RpcServer server;
    final CompletionNotifier notifier;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch workerReleased = new CountDownLatch(1);

    private TestTcs(Path directory, ListenerConfig config, long maxOutstanding, boolean attachWorker) {
        this(directory, config, maxOutstanding, attachWorker, LmdbTcsStore.open(directory.resolve("store"), 64L << 20));
    }

    private TestTcs(Path directory, ListenerConfig config, long maxOutstanding, boolean attachWorker, TcsStore store) {
        this.store = store;
        queue = new PersistentWorkOrderQueue(
                store,
                new QueueSettings(maxOutstanding, Duration.ofHours(1), 1000, Duration.ofHours(1)),
                Clock.systemUTC());
        worker = new SingletonWorker(
                WorkerConfig.defaults(),
                KEYS,
                SimulatedTee.open(directory.resolve("tee"), new byte[32], Clock.systemUTC()),
                Workloads.load(),
                store,
                Clock.systemUTC());
        worker.register();
        vertx = Vertx.vertx();
        notifier = new CompletionNotifier(
                vertx,
                config.security().notifyHosts(),
                new CompletionNotifier.Delivery(5, Duration.ofMillis(50), 4, 100),
                new SimpleMeterRegistry());
        queue.addCompletionListener(notifier);
        server = DirectModel.server(vertx, config, store, queue, WorkerKeyRotation.NONE, new SimpleMeterRegistry());
        server.start();
        // Attached at once, since the listener admits work orders only for served workers; held until
        // attachWorker(), so work orders stay pending as they would for a worker attached late.
        queue.attach(
                worker.workerId(),
                new WorkOrderProcessor() {
                    @Override
                    public byte[] process(QueuedWorkOrder workOrder) {
                        try {
                            workerReleased.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return worker.process(workOrder);
                    }

                    @Override
                    public void receiptCreated(String workOrderId) {
                        worker.receiptCreated(workOrderId);
                    }
                },
                2);
        if (attachWorker) {
            attachWorker();
        }
    }

    static TestTcs start(Path directory) {
        return new TestTcs(directory, config(false, false), 100, true);
    }

    /**
     * A TCS whose store takes no new work orders: 1 % of a 1 MiB map is less than the worker record
     * alone.
     */
    static TestTcs startNearlyFull(Path directory) {
        return new TestTcs(
                directory, config(false, false), 100, true, LmdbTcsStore.open(directory.resolve("store"), 1L << 20, 1));
    }

    static TestTcs start(Path directory, ListenerConfig config, long maxOutstanding, boolean attachWorker) {
        return new TestTcs(directory, config, maxOutstanding, attachWorker);
    }

    /** A TCS whose listener and notifier allow these notify_hosts entries. */
    static TestTcs start(Path directory, List<String> notifyHosts) {
        ListenerConfig config = config(false, false);
        return new TestTcs(
                directory,
                config.withSecurity(config.security().withNotifyHosts(NotifyHosts.parse(notifyHosts))),
                100,
                true);
    }

    static ListenerConfig config(boolean syncMode, boolean operatorMethodsEnabled) {
        return new ListenerConfig(
                "127.0.0.1",
                0,
                ListenerConfig.DEFAULT_MAX_BODY_BYTES,
                syncMode,
                Duration.ofSeconds(5),
                operatorMethodsEnabled);
    }

    /** Lets the worker run the work orders it holds and those that follow. */
    void attachWorker() {
        workerReleased.countDown();
    }

    String workerId() {
        return worker.workerId();
    }

    WorkerKeys keys() {
        return KEYS;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<byte[]> post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode postJson(String json) {
        return ProtocolJson.parse(
                post("/", json.getBytes(StandardCharsets.UTF_8)).body());
    }

    /**
     * This TCS's listener dispatcher with {@code config} but no rate limits: a fuzzer calls it far
     * faster than the defaults allow, and would see mostly BUSY.
     */
    JsonRpcDispatcher unlimitedDispatcher(ListenerConfig config) {
        return DirectModel.dispatcher(
                store,
                queue,
                config.withSecurity(ListenerSecurity.defaults()
                        .withRateLimits(RateLimiter.Limit.UNLIMITED, RateLimiter.Limit.UNLIMITED)));
    }

    /** Calls a method with an integer id and checks that the id is echoed. */
    JsonNode call(String method, Object params) {
        long id = ids.incrementAndGet();
        JsonRpcRequest request = JsonRpcRequest.of(method, id, ProtocolJson.toTree(params));
        JsonNode response =
                ProtocolJson.parse(post("/", ProtocolJson.toBytes(request)).body());
        if (response.path("id").asLong() != id
                || !"2.0".equals(response.path("jsonrpc").asText())) {
            throw new AssertionError("envelope not echoed: " + response);
        }
        return response;
    }

    RequestSecrets seal(List<InputSpec> inputs, PublicKeySign requesterKey, String notifyUri) {
        return seal(randomHex(32), inputs, requesterKey, notifyUri);
    }

    RequestSecrets seal(String workOrderId, List<InputSpec> inputs, PublicKeySign requesterKey, String notifyUri) {
        return seal(workOrderId, randomHex(32), inputs, requesterKey, notifyUri);
    }

    private RequestSecrets seal(
            String workOrderId,
            String requesterId,
            List<InputSpec> inputs,
            PublicKeySign requesterKey,
            String notifyUri) {
        RequestTemplate template = new RequestTemplate(
                workOrderId, workerId(), ECHO, requesterId, randomHex(16), 6000, notifyUri, inputs, List.of());
        return RequestSealer.seal(template, KEYS.encryption().publicKey(), requesterKey);
    }

    RequestSecrets sealEcho(String text) {
        return seal(List.of(InputSpec.text(text)), null, null);
    }

    /** An echo request from {@code requesterId}. */
    RequestSecrets sealEcho(String requesterId, String text) {
        return seal(randomHex(32), requesterId, List.of(InputSpec.text(text)), null, null);
    }

    JsonNode submit(Object params) {
        return call("WorkOrderSubmit", params);
    }

    /** Polls WorkOrderGetResult while it answers "pending" (code 5), as Avalon's SDK does. */
    JsonNode awaitOutcome(String workOrderId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    last[0] = call("WorkOrderGetResult", new WorkOrderIdParams(workOrderId));
                    return last[0].path("error").path("code").asInt(-1) != 5;
                });
        return last[0];
    }

    /** The first id a WorkerLookUp or WorkOrderReceiptLookUp answer lists. */
    static String firstLookedUpId(JsonNode answer) {
        return answer.path("result").path("ids").get(0).asText();
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void close() {
        server.close();
        attachWorker();
        queue.close();
        notifier.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        store.close();
    }
}
