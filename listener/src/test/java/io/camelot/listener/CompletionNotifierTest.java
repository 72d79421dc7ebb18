package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.security.DevCertificates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionNotifierTest {
    private static final byte[] RESULT = "{\"result\":{}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private TestTcs tcs;
    private HttpServer receiver;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<JsonNode> notices = new CopyOnWriteArrayList<>();
    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger redirected = new AtomicInteger();
    private final AtomicInteger followed = new AtomicInteger();
    private final AtomicInteger hanging = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<CompletionNotifier> notifiers = new ArrayList<>();

    /**
     * A requester's endpoint on 127.0.0.1, listed with the private opt-in. Its root fails the first
     * request, so delivery needs a retry; /ok accepts, /redirect redirects to /elsewhere, /hang never
     * answers.
     */
    @BeforeEach
    void start() {
        tcs = TestTcs.start(directory, List.of("127.0.0.1" + NotifyHosts.PRIVATE_SUFFIX));
        receiver = tcs.vertx
                .createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    switch (request.path()) {
                        case "/ok" -> {
                            delivered.add(ProtocolJson.parse(body.getBytes()));
                            request.response().setStatusCode(204).end();
                        }
                        case "/redirect" -> {
                            redirected.incrementAndGet();
                            request.response()
                                    .setStatusCode(302)
                                    .putHeader("Location", "/elsewhere")
                                    .end();
                        }
                        case "/elsewhere" -> {
                            followed.incrementAndGet();
                            request.response().setStatusCode(204).end();
                        }
                        case "/hang" -> hanging.incrementAndGet();
                        default -> {
                            if (attempts.incrementAndGet() == 1) {
                                request.response().setStatusCode(503).end();
                            } else {
                                notices.add(ProtocolJson.parse(body.getBytes()));
                                request.response().setStatusCode(204).end();
                            }
                        }
                    }
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }

    @AfterEach
    void stop() {
        notifiers.forEach(CompletionNotifier::close);
        receiver.close().toCompletionStage().toCompletableFuture().join();
        tcs.close();
    }

    @Test
    void postsTheResultToNotifyUriRetryingAfterAFailure() {
        RequestSecrets secrets =
                tcs.seal(List.of(InputSpec.text("ping")), null, "http://127.0.0.1:" + receiver.actualPort() + "/done");
        String id = secrets.request().workOrderId();
        tcs.submit(secrets.request());
        await().atMost(Duration.ofSeconds(20)).until(() -> !notices.isEmpty());
        JsonNode notice = notices.getFirst();
        assertThat(notice.path("workOrderId").asText()).isEqualTo(id);
        assertThat(notice.path("result")).isEqualTo(tcs.awaitOutcome(id).path("result"));
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void readsNotifyUriFromTheRawRequestAfterARecoveryAndSendsErrors() {
        RequestSecrets secrets =
                tcs.seal(List.of(InputSpec.text("ping")), null, "http://127.0.0.1:" + receiver.actualPort() + "/");
        byte[] raw =
                ProtocolJson.toBytes(JsonRpcRequest.of("WorkOrderSubmit", 1, ProtocolJson.toTree(secrets.request())));
        byte[] error = "{\"error\":{\"code\":9,\"message\":\"Workload cannot be processed by this worker\"}}"
                .getBytes(StandardCharsets.UTF_8);
        String id = secrets.request().workOrderId();
        tcs.notifier.completed(new QueuedWorkOrder(id, tcs.workerId(), null, raw), error);
        await().atMost(Duration.ofSeconds(20)).until(() -> !notices.isEmpty());
        assertThat(notices.getFirst().path("workOrderId").asText()).isEqualTo(id);
        assertThat(notices.getFirst().path("error").path("code").asInt()).isEqualTo(9);
    }

    @Test
    void anUnlistedHostOrSchemeIsRefusedAtSubmitAndNothingIsStored() {
        assertRefusedAtSubmit(
                "http://10.0.0.7:8080/internal/reset",
                "notifyUri host 10.0.0.7:8080 is not allowed by this TCS ([listener] notify_hosts)");
        assertRefusedAtSubmit(
                "http://169.254.169.254/latest/meta-data/",
                "notifyUri host 169.254.169.254 is not allowed by this TCS ([listener] notify_hosts)");
        // The listed host's name in the user part does not make another host allowed.
        assertRefusedAtSubmit(
                "http://127.0.0.1@10.0.0.7/",
                "notifyUri host 10.0.0.7 is not allowed by this TCS ([listener] notify_hosts)");
        assertRefusedAtSubmit(
                "gopher://127.0.0.1:" + receiver.actualPort() + "/",
                "notifyUri must be an http or https URL with a host");
        assertThat(attempts.get()).isZero();
    }

    /** One sender: the second notice is delivered only after the first was dealt with. */
    @Test
    void aListedLoopbackHostIsContactedOnlyWithThePrivateOptInAtTheAddressThatWasChecked() {
        // hooks.test exists only in this resolver: reaching it proves the POST used the checked
        // address.
        CompletionNotifier notifier = notifier(1, 10, List.of("127.0.0.1", "hooks.test" + NotifyHosts.PRIVATE_SUFFIX));
        QueuedWorkOrder plain = workOrder("http://127.0.0.1:" + receiver.actualPort() + "/ok");
        QueuedWorkOrder optedIn = workOrder("http://hooks.test:" + receiver.actualPort() + "/ok");
        assertOnlyReached(notifier, plain, optedIn);
    }

    @Test
    void aRedirectIsNotFollowedNorRetried() {
        CompletionNotifier notifier = notifier(1, 10, List.of("127.0.0.1" + NotifyHosts.PRIVATE_SUFFIX));
        notifier.completed(workOrder("http://127.0.0.1:" + receiver.actualPort() + "/redirect"), RESULT);
        notifier.completed(workOrder("http://127.0.0.1:" + receiver.actualPort() + "/ok"), RESULT);
        await().atMost(Duration.ofSeconds(20)).until(() -> !delivered.isEmpty());
        assertThat(redirected.get()).isEqualTo(1);
        assertThat(followed.get()).isZero();
    }

    @Test
    void aFullQueueDropsNoticesInsteadOfGrowing() {
        CompletionNotifier notifier = notifier(1, 1, List.of("127.0.0.1" + NotifyHosts.PRIVATE_SUFFIX));
        for (int i = 0; i < 4; i++) {
            // The first occupies the only sender, the second waits in the queue, the others find it full.
            notifier.completed(workOrder("http://127.0.0.1:" + receiver.actualPort() + "/hang"), RESULT);
        }
        assertThat(meters.counter("camelot.notify.dropped").count()).isEqualTo(2.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> hanging.get() == 1);
    }

    @Test
    void anHttpsNoticeGoesToTheCheckedAddressWithTheCertificateVerifiedForTheListedName() {
        DevCertificates.selfSigned("hooks.test", List.of("hooks.test"))
                .write(directory.resolve("c.pem"), directory.resolve("k.pem"));
        HttpServer tlsReceiver = tcs.vertx
                .createHttpServer(new HttpServerOptions()
                        .setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions()
                                .setCertPath(directory.resolve("c.pem").toString())
                                .setKeyPath(directory.resolve("k.pem").toString())))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    delivered.add(ProtocolJson.parse(body.getBytes()));
                    request.response().setStatusCode(204).end();
                }))
                .listen(0, "127.0.0.1")
                .await();
        try {
            CompletionNotifier notifier = notifier(
                    1,
                    10,
                    List.of("hooks.test!private", "other.test!private"),
                    new HttpClientOptions()
                            .setTrustOptions(new PemTrustOptions()
                                    .addCertPath(directory.resolve("c.pem").toString())));
            QueuedWorkOrder otherName = workOrder("https://other.test:" + tlsReceiver.actualPort() + "/ok");
            QueuedWorkOrder listedName = workOrder("https://hooks.test:" + tlsReceiver.actualPort() + "/ok");
            assertOnlyReached(notifier, otherName, listedName);
        } finally {
            tlsReceiver.close().await();
        }
    }

    /** Notifies both; only {@code reached}'s notice arrives. */
    private void assertOnlyReached(CompletionNotifier notifier, QueuedWorkOrder notReached, QueuedWorkOrder reached) {
        notifier.completed(notReached, RESULT);
        notifier.completed(reached, RESULT);
        await().atMost(Duration.ofSeconds(20)).until(() -> !delivered.isEmpty());
        assertThat(delivered)
                .extracting(notice -> notice.path("workOrderId").asText())
                .containsExactly(reached.workOrderId());
    }

    private void assertRefusedAtSubmit(String notifyUri, String message) {
        RequestSecrets secrets = tcs.seal(List.of(InputSpec.text("ping")), null, notifyUri);
        String id = secrets.request().workOrderId();
        JsonNode refused = tcs.submit(secrets.request());
        assertThat(refused.path("error").path("code").asInt())
                .as(refused.toString())
                .isEqualTo(2);
        assertThat(refused.path("error").path("message").asText()).isEqualTo(message);
        assertThat(refused.path("error").path("data").path("workOrderId").asText())
                .isEqualTo(id);
        assertThat(tcs.store.workOrder(id)).isEmpty();
        assertThat(tcs.store.request(id)).isEmpty();
    }

    private CompletionNotifier notifier(int concurrency, int queueCapacity, List<String> hosts) {
        return notifier(concurrency, queueCapacity, hosts, new HttpClientOptions());
    }

    /** hooks.test and other.test resolve to 127.0.0.1 here only, other names through DNS. */
    private CompletionNotifier notifier(
            int concurrency, int queueCapacity, List<String> hosts, HttpClientOptions clientOptions) {
        CompletionNotifier notifier = new CompletionNotifier(
                tcs.vertx,
                NotifyHosts.parse(hosts),
                new CompletionNotifier.Delivery(5, Duration.ofMillis(50), concurrency, queueCapacity),
                meters,
                host -> host.endsWith(".test")
                        ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})}
                        : InetAddress.getAllByName(host),
                clientOptions);
        notifiers.add(notifier);
        return notifier;
    }

    private QueuedWorkOrder workOrder(String notifyUri) {
        RequestSecrets secrets = tcs.seal(List.of(InputSpec.text("ping")), null, notifyUri);
        return new QueuedWorkOrder(secrets.request().workOrderId(), tcs.workerId(), secrets.request(), null);
    }
}
