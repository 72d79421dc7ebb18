package io.camelot.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.CompletionListener;
import io.camelot.scheduler.QueuedWorkOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs {@code {"workOrderId", "result"|"error"}} to a work order's notifyUri once it completes,
 * but only to a host {@link NotifyHosts} allows (review finding H2: the TCS must not become the
 * requester's way into the operator's network). Each attempt resolves the host, refuses it for good
 * if any address is non-public (unless the entry allows that), and connects to the address it
 * checked, so a second DNS answer cannot rebind the name. Redirects are not followed.
 *
 * <p>The work order path never waits: notices go to a bounded queue served by a fixed number of
 * senders, and a notice that finds the queue full is dropped and counted. A failed attempt (no
 * connection, a timeout, a status other than 2xx or 3xx) is retried after a doubling delay.
 */
public final class CompletionNotifier implements CompletionListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompletionNotifier.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long IDLE_TIMEOUT_MILLIS = 10_000;

    /** A whole attempt; the idle timeout alone lets a trickling endpoint hold a sender for ever. */
    private static final long ATTEMPT_TIMEOUT_MILLIS = 30_000;

    /**
     * How notices are delivered.
     *
     * @param maxAttempts attempts in all, the first at once
     * @param firstRetryDelay the delay before the second attempt; each further delay doubles
     * @param concurrency notices being delivered at once, retries included
     * @param queueCapacity notices waiting for a sender; more are dropped
     */
    public record Delivery(int maxAttempts, Duration firstRetryDelay, int concurrency, int queueCapacity) {
        /** Five attempts, retried after 0.5, 1, 2 and 4 seconds; 8 senders, 1000 notices queued. */
        public static final Delivery DEFAULTS = new Delivery(5, Duration.ofMillis(500), 8, 1000);

        public Delivery {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
        }
    }

    /** Every address of a host name; tests stand in for DNS. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final NotifyHosts hosts;
    private final HttpClient client;
    private final ThreadPoolExecutor senders;
    private final Resolver resolver;
    private final Delivery delivery;
    private final Counter dropped;

    /** @param hosts the hosts notices may go to; none: notifications are off */
    public CompletionNotifier(Vertx vertx, NotifyHosts hosts, Delivery delivery, MeterRegistry meters) {
        this(vertx, hosts, delivery, meters, InetAddress::getAllByName, new HttpClientOptions());
    }

    /** With a stand-in for DNS and client options (the trust of test certificates). */
    CompletionNotifier(
            Vertx vertx,
            NotifyHosts hosts,
            Delivery delivery,
            MeterRegistry meters,
            Resolver resolver,
            HttpClientOptions clientOptions) {
        this.hosts = hosts;
        this.client = vertx.createHttpClient(clientOptions);
        this.senders = new ThreadPoolExecutor(
                delivery.concurrency(),
                delivery.concurrency(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(delivery.queueCapacity()),
                Thread.ofPlatform().name("camelot-notify-", 0).daemon().factory());
        this.resolver = resolver;
        this.delivery = delivery;
        this.dropped = Counter.builder("camelot.notify.dropped")
                .description("Completion notices dropped because the notification queue was full")
                .register(meters);
    }

    /** {@link Delivery#DEFAULTS}. */
    public static CompletionNotifier withDefaults(Vertx vertx, NotifyHosts hosts, MeterRegistry meters) {
        return new CompletionNotifier(vertx, hosts, Delivery.DEFAULTS, meters);
    }

    @Override
    public void completed(QueuedWorkOrder workOrder, byte[] response) {
        String uri = notifyUri(workOrder);
        if (uri == null || uri.isBlank()) {
            return;
        }
        String id = workOrder.workOrderId();
        NotifyHosts.Target target;
        try {
            // Checked again here: a request stored before the host was unlisted, or admitted elsewhere.
            target = hosts.target(uri);
        } catch (IllegalArgumentException refused) {
            log.warn("Work order {}: no notification sent: {}", id, refused.getMessage());
            return;
        }
        ObjectNode notice = JsonNodeFactory.instance.objectNode().put("workOrderId", id);
        notice.setAll((ObjectNode) ProtocolJson.parse(response));
        Buffer body = Buffer.buffer(ProtocolJson.toBytes(notice));
        try {
            senders.execute(() -> deliver(id, target, body));
        } catch (RejectedExecutionException full) {
            if (!senders.isShutdown()) {
                dropped.increment();
                log.warn(
                        "Work order {}: notification to {} dropped, {} notices are already waiting",
                        id,
                        target.host(),
                        senders.getQueue().size());
            }
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        client.close();
    }

    private void deliver(String id, NotifyHosts.Target target, Buffer body) {
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                InetAddress[] addresses = resolver.resolve(target.host());
                Optional<InetAddress> inside = target.privateAllowed()
                        ? Optional.empty()
                        : Arrays.stream(addresses)
                                .filter(NotifyHosts::isNonPublic)
                                .findFirst();
                if (inside.isPresent()) {
                    log.warn(
                            "Work order {}: notifyUri host {} resolves to non-public address {}, not contacted"
                                    + " (list it as {}{} in [listener] notify_hosts to allow it)",
                            id,
                            target.host(),
                            inside.get().getHostAddress(),
                            target.host(),
                            NotifyHosts.PRIVATE_SUFFIX);
                    return;
                }
                int status = post(target, addresses[0], body);
                if (status / 100 == 2) {
                    log.debug("Work order {}: notified {}", id, target.host());
                    return;
                }
                if (status / 100 == 3) {
                    log.warn(
                            "Work order {}: {} answered HTTP {}; redirects are not followed, no notification",
                            id,
                            target.host(),
                            status);
                    return;
                }
                failure = "HTTP status " + status;
            } catch (InterruptedException closing) {
                return;
            } catch (UnknownHostException | ExecutionException | TimeoutException e) {
                failure = e instanceof ExecutionException ? e.getCause().toString() : e.toString();
            }
            if (attempt >= delivery.maxAttempts()) {
                log.warn(
                        "Work order {}: notifying {} failed {} times, giving up: {}",
                        id,
                        target.host(),
                        attempt,
                        failure);
                return;
            }
            try {
                Thread.sleep(Math.max(1, delivery.firstRetryDelay().toMillis() << (attempt - 1)));
            } catch (InterruptedException closing) {
                return;
            }
        }
    }

    /**
     * One POST to the checked address; its status. The host is named for the Host header and for TLS,
     * so an https certificate is verified for the listed name, not for the address.
     */
    private int post(NotifyHosts.Target target, InetAddress address, Buffer body)
            throws InterruptedException, ExecutionException, TimeoutException {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                // The IP literal, not the InetAddress: Vert.x would look up a name the InetAddress
                // carries.
                .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.path())
                .setFollowRedirects(false)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setIdleTimeout(IDLE_TIMEOUT_MILLIS)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Future<Integer> status = client.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(body);
                })
                // The body is read and discarded: only the status matters.
                .compose(response -> response.handler(ignored -> {}).end().map(done -> response.statusCode()));
        try {
            return status.toCompletionStage().toCompletableFuture().get(ATTEMPT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset();
            }
            throw e;
        }
    }

    /** The notifyUri of the request; parsed from the stored text when the queue recovered it. */
    private static String notifyUri(QueuedWorkOrder workOrder) {
        WorkOrderSubmitParams params = workOrder.params();
        if (params == null) {
            try {
                JsonNode request = ProtocolJson.parse(workOrder.rawRequest());
                params = Params.workOrderSubmit(request.get("params"));
            } catch (RuntimeException e) {
                log.warn(
                        "Work order {}: stored request unreadable, no notification: {}",
                        workOrder.workOrderId(),
                        e.toString());
                return null;
            }
        }
        return params.notifyUri();
    }
}
