package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PeerUnavailableException;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcCallException;
import io.camelot.pool.RpcClient;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.internal.envelope.ReceiptWriters;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.store.TcsStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's execution adaptor: the queue hands it a pool work order, it sends the work order to a
 * free WP slot and stores the outcome the WP returns. Each WP offers a fixed number of slots; a
 * work order waits (blocking its queue thread, not polling) until one is free. A WP that cannot be
 * reached or that its WKM refuses loses its slots and the work order goes to another WP; so does
 * one whose answer is not the pool's verified outcome of that work order (review M6). Work orders
 * of a requester with dedicated WPs go only to those. Receipts of its work orders get the
 * pool-signed PROCESSED or FAILED update ({@link PoolReceipts}).
 */
public final class PoolDispatcher implements WorkOrderProcessor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoolDispatcher.class);
    private static final int MAX_ATTEMPTS = 8;

    private final TcsStore store;
    private final Clock clock;
    private final Duration callTimeout;
    private final PeerSecurity security;
    private final PoolReceipts receipts;
    private final BlockingQueue<Processor> shared = new LinkedBlockingQueue<>();
    private final Map<String, BlockingQueue<Processor>> dedicated = new ConcurrentHashMap<>();
    private final Map<String, Processor> byUrl = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger busySlots = new AtomicInteger();
    private volatile ParsedKey poolKey;
    private volatile boolean closed;

    public PoolDispatcher(TcsStore store, Clock clock, Duration callTimeout, PeerSecurity security) {
        this.store = store;
        this.clock = clock;
        this.callTimeout = callTimeout;
        this.security = security;
        this.receipts = new PoolReceipts(store);
    }

    /** Where the pool key signs receipt updates: the Worker Manager's WKMs. */
    void signReceiptsWith(PoolReceipts.Signer signer) {
        receipts.signWith(signer);
    }

    /**
     * Offers a WP's slots; a WP dedicated to a requester takes only that requester's work orders. A
     * WP registering again under the same URL (a restarted process) replaces the earlier one.
     */
    public void add(String url, int slots, String dedicatedRequester, String measurement) {
        String requester = dedicatedRequester == null ? "" : dedicatedRequester;
        Processor wp = new Processor(
                new RpcClient(url, callTimeout, security), slots, requester, measurement == null ? "" : measurement);
        Processor replaced = byUrl.put(url, wp);
        if (replaced != null) {
            replaced.withdraw();
        }
        BlockingQueue<Processor> queue =
                requester.isEmpty() ? shared : dedicated.computeIfAbsent(requester, id -> new LinkedBlockingQueue<>());
        for (int i = 0; i < slots; i++) {
            queue.add(wp);
        }
        log.info(
                "WP {} registered with {} slot(s){}",
                url,
                slots,
                requester.isEmpty() ? "" : " for requester " + requester);
    }

    /** Withdraws a WP (it exited); its slots are dropped as they come up. */
    public void remove(String url) {
        Processor wp = byUrl.remove(url);
        if (wp != null) {
            wp.withdraw();
        }
    }

    /**
     * Withdraws a WP found unreachable or refused; it leaves the directory, unless re-registered
     * since.
     */
    private void drop(Processor wp) {
        wp.withdraw();
        byUrl.remove(wp.client.url(), wp);
    }

    /**
     * Stops giving a WP work: its slots are dropped as they come up, and the returned future
     * completes (and the WP leaves the directory) once its in-flight work orders have finished. An
     * unknown WP is drained already.
     */
    public CompletableFuture<Void> drain(String url) {
        Processor wp = byUrl.get(url);
        if (wp == null) {
            return CompletableFuture.completedFuture(null);
        }
        log.info("WP {} is draining", url);
        return wp.drain().whenComplete((done, failure) -> byUrl.remove(url, wp));
    }

    /** The registered WPs and their slot use, by URL: the pool's internal WP directory. */
    public List<ProcessorState> processors() {
        return byUrl.values().stream()
                .map(Processor::state)
                .sorted(Comparator.comparing(ProcessorState::url))
                .toList();
    }

    /** Work orders the queue has handed over that wait for a free WP slot. */
    public int waiting() {
        return waiting.get();
    }

    /** WPs offering slots now. */
    public int registeredWps() {
        return byUrl.size();
    }

    /** Slots waiting for a work order (a withdrawn WP's slots count until they come up). */
    public int freeSlots() {
        return shared.size()
                + dedicated.values().stream().mapToInt(BlockingQueue::size).sum();
    }

    /** Work orders running on a WP now. */
    public int busySlots() {
        return busySlots.get();
    }

    @Override
    public byte[] process(QueuedWorkOrder workOrder) {
        try (var span = WorkOrderTrace.open(workOrder.workOrderId(), "camelot.pool.dispatch")) {
            return processInSpan(workOrder);
        }
    }

    private byte[] processInSpan(QueuedWorkOrder workOrder) {
        String id = workOrder.workOrderId();
        JsonNode params = ProtocolJson.parse(workOrder.rawRequest()).path("params");
        BlockingQueue<Processor> slots =
                dedicated.getOrDefault(params.path("requesterId").asText(""), shared);
        String lastProblem = "no WP was available";
        int attempts = 0;
        while (attempts < MAX_ATTEMPTS) {
            Processor wp = take(slots);
            if (wp == null) {
                return null;
            }
            if (!wp.begin()) {
                continue;
            }
            attempts++;
            boolean keepSlot = true;
            boolean refused = false;
            WorkOrderResponse outcome = null;
            busySlots.incrementAndGet();
            try {
                JsonNode answer = wp.client.call(PoolApi.PROCESS_WORK_ORDER, Map.of("request", params));
                WorkOrderResponse response = bound(answer.path("response"));
                String refusal = response == null
                        ? "an answer that is no WorkOrderResponse"
                        : refusal(workOrder, params, response);
                if (refusal == null) {
                    outcome = response;
                } else {
                    // A pool member forged or misdirected an answer (review M6): it is no outcome, and the WP
                    // that sent it gets no more work.
                    keepSlot = false;
                    refused = true;
                    drop(wp);
                    lastProblem = "WP " + wp.client.url() + " answered with " + refusal;
                    log.warn(
                            "WP {} answered work order {} with {}; it takes no more work and the work order goes to"
                                    + " another WP",
                            wp.client.url(),
                            id,
                            refusal);
                }
            } catch (PeerUnavailableException e) {
                keepSlot = false;
                drop(wp);
                lastProblem = e.getMessage();
                log.warn("WP {} is unreachable; work order {} goes to another WP", wp.client.url(), id);
            } catch (RpcCallException e) {
                lastProblem = e.getMessage();
                if (e.code() == PoolApi.NOT_ADMITTED || e.code() == WorkOrderStatus.ACCESS_DENIED.code()) {
                    // Not admitted by the WKM, or a pool member refused a signature on the way: no retry
                    // helps.
                    keepSlot = false;
                    drop(wp);
                    log.error(
                            "WP {} was refused by the pool's key manager and takes no more work: {}",
                            wp.client.url(),
                            e.peerMessage());
                } else {
                    log.warn("WP {} could not process work order {}: {}", wp.client.url(), id, e.getMessage());
                }
            } finally {
                busySlots.decrementAndGet();
                // The slot goes back before the next attempt or the caller's next work order.
                if (wp.end() && keepSlot) {
                    slots.add(wp);
                }
            }
            if (outcome != null) {
                return store(workOrder, params, outcome);
            }
            if (refused && !serving(wp.dedicatedRequester)) {
                // A crashed WP comes back (restarted, or replaced by the scaler) and waiting for it is
                // right;
                // one dropped for its answer does not, so with none left the work order would wait forever.
                break;
            }
        }
        log.error("Work order {} failed on {} WP attempt(s): {}", id, attempts, lastProblem);
        return store(
                workOrder,
                params,
                WorkOrderResponse.of(new JsonRpcError(
                        WorkOrderStatus.UNKNOWN_ERROR.code(),
                        "the worker pool could not process the work order: " + lastProblem,
                        JsonNodeFactory.instance.objectNode().put("workOrderId", id))));
    }

    /**
     * Why a WP's answer is not this work order's outcome, or null if it is. A result must be the
     * pool's (signed with the pool key, or with an ext key the pool key vouches for, over this
     * request) and echo the request's ids; an error object must name this work order. EEA error
     * objects carry no signature, so a WP can still fail a work order, as it could by crashing on it.
     *
     * @throws IllegalStateException if the pool's record has no verification key (the host's fault,
     *     not the WP's: the work order stays queued)
     */
    private String refusal(QueuedWorkOrder workOrder, JsonNode params, WorkOrderResponse response) {
        if (response.failed()) {
            JsonNode data = response.error().data();
            return data != null
                            && workOrder
                                    .workOrderId()
                                    .equals(data.path("workOrderId").asText())
                    ? null
                    : "an error that does not name it";
        }
        if (response.result() == null) {
            return "neither a result nor an error";
        }
        WorkOrderSubmitParams request;
        try {
            // Parsed once already when the listener admitted it in this process.
            request = workOrder.params() != null ? workOrder.params() : Params.workOrderSubmit(params);
        } catch (EeaException e) {
            return "a result to a request that does not parse: " + e.getMessage();
        }
        WorkOrderResult result = response.result();
        if (!Objects.equals(result.workOrderId(), request.workOrderId())
                || !Objects.equals(result.workerId(), request.workerId())
                || !Objects.equals(result.workloadId(), request.workloadId())
                || !Objects.equals(result.requesterId(), request.requesterId())
                || !Objects.equals(result.envelopeVersion(), request.envelopeVersion())) {
            return "a result of another request (work order " + result.workOrderId() + ")";
        }
        PublicKeyVerify poolKey = poolKey(workOrder.workerId());
        try {
            ResponseOpener.verifySignature(result, request, poolKey);
            return null;
        } catch (CryptoException e) {
            return "a result the pool did not sign: " + e.getMessage();
        }
    }

    /**
     * The pool worker's verification key from its Worker Directory record, parsed again only when the
     * record changed (a key rotation or migration): parsing the PEM cost more than the rest of the check.
     */
    private PublicKeyVerify poolKey(String workerId) {
        byte[] record = store.worker(workerId)
                .orElseThrow(
                        () -> new IllegalStateException("pool worker " + workerId + " is not in the Worker Directory"));
        ParsedKey cached = poolKey;
        if (cached != null && cached.workerId.equals(workerId) && Arrays.equals(cached.record, record)) {
            return cached.key;
        }
        PublicKeyVerify key = ReceiptWriters.workerKey(record)
                .orElseThrow(() -> new IllegalStateException(
                        "pool worker " + workerId + " has no verification key in the Worker Directory"));
        poolKey = new ParsedKey(workerId, record, key);
        return key;
    }

    /** A worker record and the key parsed from it. */
    private record ParsedKey(String workerId, byte[] record, PublicKeyVerify key) {}

    private static WorkOrderResponse bound(JsonNode answer) {
        try {
            return ProtocolJson.bind(answer, WorkOrderResponse.class);
        } catch (EeaException e) {
            return null;
        }
    }

    /** Whether a WP of this lane (shared, or one requester's) still takes work. */
    private boolean serving(String dedicatedRequester) {
        return byUrl.values().stream()
                .anyMatch(wp -> wp.dedicatedRequester.equals(dedicatedRequester) && wp.takesWork());
    }

    private Processor take(BlockingQueue<Processor> slots) {
        waiting.incrementAndGet();
        try {
            while (!closed) {
                Processor wp = slots.poll(1, TimeUnit.SECONDS);
                if (wp != null) {
                    return wp;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
        return null;
    }

    private byte[] store(QueuedWorkOrder workOrder, JsonNode params, WorkOrderResponse response) {
        String id = workOrder.workOrderId();
        byte[] bytes = ProtocolJson.toBytes(response);
        // The receipt update is signed in a WKM, so it follows the commit rather than joining it.
        if (!store.complete(new TcsStore.Completion(id, bytes, clock.millis(), Map.of(), null))) {
            return null;
        }
        receipts.completed(id, workOrder.workerId(), bytes, params);
        return bytes;
    }

    @Override
    public void receiptCreated(String workOrderId) {
        receipts.receiptCreated(workOrderId);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Whether a WP takes work, and how much of it it runs now. */
    public enum State {
        AVAILABLE,
        BUSY,
        DRAINING
    }

    /**
     * One WP in the directory.
     *
     * @param busy slots running a work order now
     * @param measurement the code measurement the WP reported when it registered (hex; empty if none)
     */
    public record ProcessorState(
            String url, int slots, int busy, String dedicatedRequester, String measurement, State state) {}

    /** A WP's slot accounting; its monitor orders "start a work order" against "drain". */
    private static final class Processor {
        final RpcClient client;
        final int slots;
        final String dedicatedRequester;
        final String measurement;
        final CompletableFuture<Void> drained = new CompletableFuture<>();
        private int busy;
        private boolean draining;
        private boolean gone;

        Processor(RpcClient client, int slots, String dedicatedRequester, String measurement) {
            this.client = client;
            this.slots = slots;
            this.dedicatedRequester = dedicatedRequester;
            this.measurement = measurement;
        }

        /**
         * Takes a work order on one of its slots, unless it is gone or draining (the slot is dropped).
         */
        synchronized boolean begin() {
            if (gone || draining) {
                return false;
            }
            busy++;
            return true;
        }

        /** A work order finished; returns whether the slot is still usable. */
        synchronized boolean end() {
            busy--;
            if (draining && busy == 0) {
                drained.complete(null);
            }
            return !gone && !draining;
        }

        synchronized boolean takesWork() {
            return !gone && !draining;
        }

        synchronized CompletableFuture<Void> drain() {
            draining = true;
            if (busy == 0) {
                drained.complete(null);
            }
            return drained;
        }

        /** Gone (exited, unreachable, refused): nothing more will run on it. */
        synchronized void withdraw() {
            gone = true;
            drained.complete(null);
        }

        synchronized ProcessorState state() {
            State state = draining ? State.DRAINING : busy < slots ? State.AVAILABLE : State.BUSY;
            return new ProcessorState(client.url(), slots, busy, dedicatedRequester, measurement, state);
        }
    }
}
