package io.camelot.listener.methods;

import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.listener.EnvelopeAdmission;
import io.camelot.listener.ListenerSecurity;
import io.camelot.listener.NotifyHosts;
import io.camelot.listener.OutstandingBytes;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.Validated;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.scheduler.WorkerAvailability;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Admits a work order to its worker's queue, storing the request exactly as received, if the worker
 * is ACTIVE and a worker process serves it (security review M2, M3). Answers "computing" (code 5)
 * at once, or in sync mode waits for the outcome, bounded so the client's 10 s socket timeout is
 * never hit; a work order still running then gets code 5 and is polled for.
 */
public final class WorkOrderSubmit extends DirectMethod<Validated<WorkOrderSubmitParams>> {
    static final String COMPUTING = "Work order is computing. Please query for WorkOrderGetResult to view the result";
    static final String BUSY = "Work order handler is busy updating the result";
    static final String STORE_FULL =
            "Work order handler is busy: the store is nearly full and takes no new work orders until purge frees room";
    static final String OVER_BUDGET = "Work order handler is busy: work orders from this address or requesterId"
            + " already hold their share of outstanding request bytes; retry when they complete";
    static final String DUPLICATE = "Work order id already exists in the database. Hence invalid parameter";
    static final String REPLAYED =
            "Replayed work order: a request with the same request hash was already submitted. Hence invalid parameter";

    private final TcsStore store;
    private final WorkOrderQueue queue;
    private final boolean syncMode;
    private final Duration syncWaitCap;
    private final int maxItems;
    private final int maxItemChars;
    private final EnvelopeAdmission envelopes;
    private final NotifyHosts notifyHosts;
    private final OutstandingBytes outstandingBytes;

    public WorkOrderSubmit(TcsStore store, WorkOrderQueue queue, boolean syncMode, Duration syncWaitCap) {
        this(
                store,
                queue,
                syncMode,
                syncWaitCap,
                ListenerSecurity.DEFAULT_MAX_ITEMS,
                ListenerSecurity.DEFAULT_MAX_ITEM_CHARS,
                new EnvelopeAdmission(false, new CompositeMeterRegistry()),
                NotifyHosts.none(),
                ListenerSecurity.defaults().outstandingBytes());
    }

    /**
     * @param maxItems most inData and most outData items admitted
     * @param maxItemChars longest {@code data} text of one item
     * @param envelopes which envelope forms are admitted, counted per form
     * @param notifyHosts the hosts a notifyUri may name
     * @param outstandingBytes the budgets per address and per requesterId a work order is held
     *     against until it completes
     */
    public WorkOrderSubmit(
            TcsStore store,
            WorkOrderQueue queue,
            boolean syncMode,
            Duration syncWaitCap,
            int maxItems,
            int maxItemChars,
            EnvelopeAdmission envelopes,
            NotifyHosts notifyHosts,
            OutstandingBytes outstandingBytes) {
        super(
                DirectModelMethod.WORK_ORDER_SUBMIT,
                params -> WorkOrders.parse(params, Params::validatedWorkOrderSubmit));
        this.store = store;
        this.queue = queue;
        this.syncMode = syncMode;
        this.syncWaitCap = syncWaitCap;
        this.maxItems = maxItems;
        this.maxItemChars = maxItemChars;
        this.envelopes = envelopes;
        this.notifyHosts = notifyHosts;
        this.outstandingBytes = outstandingBytes;
    }

    @Override
    public RpcOutcome invoke(RpcCall<Validated<WorkOrderSubmitParams>> call) {
        Validated<WorkOrderSubmitParams> validated = call.params();
        String id = validated.params().workOrderId();
        try (var trace = WorkOrderTrace.open(id, "camelot.listener.submit")) {
            WorkOrderTrace.LOG.debug(
                    "received for worker {}", validated.params().workerId());
            return admit(validated, call);
        }
    }

    private RpcOutcome admit(
            Validated<WorkOrderSubmitParams> validated, RpcCall<Validated<WorkOrderSubmitParams>> call) {
        WorkOrderSubmitParams p = validated.params();
        String id = p.workOrderId();
        try {
            envelopes.admit(p.envelope());
        } catch (EeaException refused) {
            throw refused.withData(WorkOrders.data(id));
        }
        Optional<String> refusal = oversize("inData", p.inData())
                .or(() -> oversize("outData", p.outData()))
                .or(() -> notifyHosts.refusal(p.notifyUri()));
        if (refusal.isPresent()) {
            return WorkOrders.error(ErrorCode.INVALID_PARAMETER.code(), refusal.get(), id);
        }
        if (store.worker(p.workerId()).isEmpty()) {
            return WorkOrders.error(
                    ErrorCode.INVALID_PARAMETER.code(), "worker " + p.workerId() + " doesn't exists", id);
        }
        // Avalon has no code for these; 2 (as for an unknown worker) tells the client not to poll.
        Optional<String> unavailable = WorkerAvailability.refusal(store, p.workerId())
                .or(() -> queue.serves(p.workerId()) ? Optional.empty() : Optional.of(unserved(p.workerId())));
        if (unavailable.isPresent()) {
            return WorkOrders.error(ErrorCode.INVALID_PARAMETER.code(), unavailable.get(), id);
        }
        Optional<OutstandingBytes.Held> held =
                outstandingBytes.hold(call.caller().address(), p.requesterId(), call.rawRequest().length);
        if (held.isEmpty()) {
            return WorkOrders.error(WorkOrderStatus.BUSY.code(), OVER_BUDGET, id);
        }
        WorkOrderQueue.Admission admission;
        try {
            admission = queue.submit(id, p.workerId(), p, WorkOrderHashes.requestHash(p), call.rawRequest());
        } catch (RuntimeException e) {
            outstandingBytes.release(held.get());
            // Refusals that carry their own data (a pool's retired-key reason) keep it; others name the
            // id.
            throw e instanceof EeaException refused && refused.data() == null
                    ? refused.withData(WorkOrders.data(id))
                    : e;
        }
        if (admission == WorkOrderQueue.Admission.ACCEPTED) {
            queue.completion(id).whenComplete((response, failure) -> outstandingBytes.release(held.get()));
        } else {
            outstandingBytes.release(held.get());
        }
        return switch (admission) {
            case BUSY -> WorkOrders.error(WorkOrderStatus.BUSY.code(), BUSY, id);
            case STORE_FULL -> WorkOrders.error(WorkOrderStatus.BUSY.code(), STORE_FULL, id);
            case IDENTICAL -> duplicate(id, true);
            case DUPLICATE -> duplicate(id, false);
            case REPLAYED -> WorkOrders.error(ErrorCode.INVALID_PARAMETER.code(), REPLAYED, id);
            case ACCEPTED -> syncMode ? awaitOutcome(id, p.responseTimeoutMSecs()) : computing(id);
        };
    }

    static String unserved(String workerId) {
        return "worker " + workerId + " is served by no worker process: it takes no work orders";
    }

    /**
     * Avalon's answer to a known id. {@code sameRequest} tells a client whose submission was accepted
     * although the reply was lost (it may now poll for the result) from one whose id clashes with
     * another request.
     */
    private static RpcOutcome duplicate(String id, boolean sameRequest) {
        return RpcOutcome.error(
                ErrorCode.INVALID_PARAMETER.code(),
                DUPLICATE,
                WorkOrders.data(id).put("sameRequest", sameRequest));
    }

    private Optional<String> oversize(String field, List<DataItem> items) {
        if (items == null) {
            return Optional.empty();
        }
        if (items.size() > maxItems) {
            return Optional.of("Too many " + field + " items: " + items.size() + ", at most " + maxItems + " allowed");
        }
        for (int i = 0; i < items.size(); i++) {
            String data = items.get(i).data();
            if (data != null && data.length() > maxItemChars) {
                return Optional.of(
                        field + "[" + i + "].data is too long: at most " + maxItemChars + " characters allowed");
            }
        }
        return Optional.empty();
    }

    private RpcOutcome awaitOutcome(String id, long responseTimeoutMillis) {
        long waitMillis = Math.min(Math.max(responseTimeoutMillis, 0), syncWaitCap.toMillis());
        try {
            return WorkOrders.outcome(queue.completion(id).get(waitMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return computing(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return computing(id);
        } catch (ExecutionException e) {
            throw new IllegalStateException("completion of work order " + id + " failed", e.getCause());
        }
    }

    private static RpcOutcome computing(String id) {
        return WorkOrders.error(WorkOrderStatus.PENDING.code(), COMPUTING, id);
    }
}
