package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.pool.InternalServer;
import io.camelot.pool.KeyCopy;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PeerUnavailableException;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolMethod;
import io.camelot.pool.RpcCallException;
import io.camelot.pool.RpcClient;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.ReceiptUpdateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Worker Manager of one pool (seed §3.2): knows the pool's WKMs, redirects callers to a live
 * one, proxies the Key Management API to it, and runs key rotation: a new key on one WKM, copied to
 * every other WKM, then published in the Worker Directory; it has a WKM sign the receipt updates of
 * the dispatcher's work orders. It lives in the listener's process because it writes the Worker
 * Directory. WPs register with it and deregister (draining first); they go into the dispatcher's
 * internal WP directory, never into the public Worker Directory.
 */
public final class WorkerManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerManager.class);

    private final List<RpcClient> wkms = new CopyOnWriteArrayList<>();
    private final Consumer<JsonNode> publishWorkerInfo;
    private final Duration callTimeout;
    private final PeerSecurity security;
    private final PoolDispatcher dispatcher;
    private final String advertisedUrl;
    private final WpHosts wpHosts;
    private volatile RpcClient inUse;
    private InternalServer server;

    /**
     * @param publishWorkerInfo writes the pool's worker record (and whatever else follows the keys)
     *     from a WKM's WorkerInfo
     * @param dispatcher where registered WPs get work orders from
     * @param advertisedUrl where WPs on other hosts reach this Worker Manager (e.g. a Kubernetes
     *     Service), or empty. When set, Redirect names it: the WPs then use the Key Management API
     *     this manager proxies, since the WKMs themselves are reachable only on its host.
     * @param wpHosts the hosts WPs may register under
     */
    public WorkerManager(
            Duration callTimeout,
            PeerSecurity security,
            Consumer<JsonNode> publishWorkerInfo,
            PoolDispatcher dispatcher,
            String advertisedUrl,
            WpHosts wpHosts) {
        this.callTimeout = callTimeout;
        this.security = security;
        this.publishWorkerInfo = publishWorkerInfo;
        this.dispatcher = dispatcher;
        this.advertisedUrl = advertisedUrl;
        this.wpHosts = wpHosts;
        dispatcher.signReceiptsWith(this::signReceiptUpdate);
    }

    /** Adds a WKM; one that has no keys yet gets them from a live WKM first. */
    public void addKeyManager(String url, boolean needsKeys) {
        RpcClient wkm = new RpcClient(url, callTimeout, security);
        if (needsKeys) {
            KeyCopy.copy(live(), wkm);
            log.info("WKM {} joined the pool with keys from {}", url, live().url());
        }
        wkms.add(wkm);
    }

    /**
     * A restarted WKM takes its previous incarnation's place. It gets the current keys from a live
     * WKM when there is one (its own sealed keys may predate a rotation); when it is the only one,
     * the keys it unsealed are the pool's.
     */
    public synchronized void replaceKeyManager(String previousUrl, String url) {
        wkms.removeIf(wkm -> wkm.url().equals(previousUrl));
        RpcClient wkm = new RpcClient(url, callTimeout, security);
        if (!wkms.isEmpty()) {
            RpcClient source = live();
            KeyCopy.copy(source, wkm);
            log.info("WKM {} rejoined the pool with keys from {}", url, source.url());
        }
        wkms.add(wkm);
    }

    /**
     * Serves Redirect, the Key Management API and WP registration on {@code host} (loopback by
     * default) and {@code port} (0: any free port), each method to the roles {@link PoolApi#CALLERS}
     * names. Not SetWorkerPrivateKeys: only this manager may call it, on the WKMs themselves.
     */
    public String start(String host, int port) {
        List<RpcMethod<?>> methods = new ArrayList<>();
        // Redirect(workerId): the URI of a live WKM of the pool, for the Key Management API, or of this
        // Worker Manager's proxy of it when the WPs run on other hosts.
        methods.add(PoolMethod.answering(PoolApi.REDIRECT, params -> Map.of("uri", redirectUri())));
        for (String name : List.of(
                PoolApi.GET_RANDOM_ID,
                PoolApi.GET_WORKER_PRIVATE_KEYS,
                PoolApi.PREPROCESS_WORKORDER,
                PoolApi.POSTPROCESS_WORKORDER,
                PoolApi.WORKER_INFO)) {
            methods.add(answeredByWkm(name, params -> call(name, params)));
        }
        // Rotates the key on one WKM, propagates it to the others and updates the Worker Directory.
        methods.add(answeredByWkm(PoolApi.GENERATE_NEW_ENCRYPTION_KEY, this::rotate));
        // Below the WPs' call timeout, so a WP with long work orders asks again instead of timing out.
        ProcessorRegistration registration = new ProcessorRegistration(dispatcher, wpHosts, callTimeout.dividedBy(3));
        methods.add(new PoolMethod(PoolApi.REGISTER_WORKORDER_PROCESSOR, registration::register));
        methods.add(new PoolMethod(PoolApi.DEREGISTER_WORKORDER_PROCESSOR, registration::deregister));
        // The pool's internal WP directory (url, slots, busy, state), for operators.
        methods.add(PoolMethod.answering(
                PoolApi.LIST_WORKORDER_PROCESSORS, params -> Map.of("processors", dispatcher.processors())));
        server = InternalServer.start(host, port, methods, security);
        return server.url();
    }

    /** A method a WKM answers: its error reaches the caller as the WKM gave it. */
    private static PoolMethod answeredByWkm(String name, Function<JsonNode, Object> answer) {
        return new PoolMethod(name, call -> {
            try {
                return RpcOutcome.result(answer.apply(call.params()));
            } catch (RpcCallException e) {
                return RpcOutcome.error(e.code(), e.peerMessage(), e.data());
            }
        });
    }

    public String url() {
        return server.url();
    }

    /** The Key Management endpoint Redirect names: the advertised proxy, or a live WKM. */
    String redirectUri() {
        return advertisedUrl.isEmpty() ? live().url() : advertisedUrl;
    }

    /** The pool's internal WP directory: registered WPs, their slots and whether they take work. */
    public List<PoolDispatcher.ProcessorState> processors() {
        return dispatcher.processors();
    }

    /** Publishes the pool's identity as a live WKM reports it. */
    public void publish() {
        publishWorkerInfo.accept(call(PoolApi.WORKER_INFO, Map.of()));
    }

    /**
     * A WKM that answers, preferring the one in use; it becomes the one in use. Works on a snapshot
     * of the list: a restarted WKM may replace its previous incarnation meanwhile.
     */
    RpcClient live() {
        RpcClient preferred = inUse;
        List<RpcClient> candidates = new ArrayList<>(wkms);
        if (preferred != null && candidates.remove(preferred)) {
            candidates.addFirst(preferred);
        }
        for (RpcClient wkm : candidates) {
            try {
                wkm.call(PoolApi.WORKER_INFO, Map.of());
                if (wkm != preferred) {
                    if (preferred != null) {
                        log.warn("WKM {} is unreachable; switching to {}", preferred.url(), wkm.url());
                    }
                    inUse = wkm;
                }
                return wkm;
            } catch (PeerUnavailableException e) {
                log.debug("WKM {} does not answer: {}", wkm.url(), e.getMessage());
            }
        }
        throw new EeaException(PoolApi.NO_KEY_MANAGER, "no WKM of this pool answers");
    }

    /** Forwards a call to the WKM in use, failing over once if it has gone. */
    JsonNode call(String method, Object params) {
        RpcClient wkm = inUse;
        if (wkm != null) {
            try {
                return wkm.call(method, params);
            } catch (PeerUnavailableException e) {
                log.warn("{} to WKM {} failed: {}", method, wkm.url(), e.getMessage());
            }
        }
        return live().call(method, params);
    }

    /**
     * The pool-signed receipt update of a stored outcome, from the WKM in use (SignReceiptUpdate).
     */
    private ReceiptUpdateParams signReceiptUpdate(
            String workOrderId, String workerId, byte[] response, JsonNode request) {
        ObjectNode params = JsonNodeFactory.instance
                .objectNode()
                .put("workOrderId", workOrderId)
                .put("workerId", workerId)
                .put("response", Base64.getEncoder().encodeToString(response))
                .set("request", request);
        return ProtocolJson.bind(call(PoolApi.SIGN_RECEIPT_UPDATE, params), ReceiptUpdateParams.class);
    }

    /**
     * GenerateNewEncryptionKey on the WKM in use, then the same keys to every other WKM, then the
     * Worker Directory. Requesters see the new key only once every WKM can use it.
     */
    synchronized JsonNode rotate(Object params) {
        RpcClient primary = live();
        JsonNode generated = primary.call(PoolApi.GENERATE_NEW_ENCRYPTION_KEY, params);
        for (RpcClient other : wkms) {
            if (other == primary) {
                continue;
            }
            try {
                KeyCopy.copy(primary, other);
            } catch (PeerUnavailableException e) {
                log.warn(
                        "WKM {} is unreachable and keeps the previous key until it rejoins: {}",
                        other.url(),
                        e.getMessage());
            }
        }
        publishWorkerInfo.accept(primary.call(PoolApi.WORKER_INFO, Map.of()));
        log.info("Rotated the pool encryption key on {} WKM(s)", wkms.size());
        return generated;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
