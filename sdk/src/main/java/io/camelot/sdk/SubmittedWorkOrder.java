package io.camelot.sdk;

import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A work order the TCS accepted. Holds the session key needed to read its result, so it lives only
 * on the requester's side.
 */
public final class SubmittedWorkOrder {
    private static final Logger LOG = LoggerFactory.getLogger(SubmittedWorkOrder.class);

    private final Requester requester;
    private final VerifiedWorker worker;
    private final RequestSecrets secrets;
    private final List<SubmittedWorkOrder> predecessors;
    private final SubmitReply submitReply;
    private volatile WorkOrderResult completed;

    SubmittedWorkOrder(
            Requester requester,
            VerifiedWorker worker,
            RequestSecrets secrets,
            SubmitReply reply,
            List<SubmittedWorkOrder> predecessors) {
        this.requester = requester;
        this.worker = worker;
        this.secrets = secrets;
        this.predecessors = predecessors;
        this.submitReply = reply;
        this.completed = reply instanceof SubmitReply.Completed done ? done.result() : null;
    }

    public String workOrderId() {
        return secrets.request().workOrderId();
    }

    public VerifiedWorker worker() {
        return worker;
    }

    /**
     * What the TCS answered the submit: through a chain, the transaction and block that carried it
     * ({@code EthereumTcsClient}).
     */
    public SubmitReply submitReply() {
        return submitReply;
    }

    /** The params exactly as sent; their hash is what receipts refer to. */
    public WorkOrderSubmitParams request() {
        return secrets.request();
    }

    /** {@link #await(Duration)} with the requester's default timeout. */
    public WorkOrderOutcome await() {
        return await(requester.timing().awaitTimeout());
    }

    /**
     * Waits for the result, verifies the worker's signature and decrypts the outputs.
     *
     * @throws TcsTimeoutException if the result is not ready within {@code timeout}
     * @throws TcsRpcException if the TCS reports the work order failed
     * @throws ResultVerificationException if the result is not the worker's answer to this request
     */
    public WorkOrderOutcome await(Duration timeout) {
        WorkOrderResult result = completed != null ? completed : poll(timeout);
        completed = result;
        if (result.outData() == null) {
            throw new ResultVerificationException("Result of work order " + workOrderId() + " carries no outData");
        }
        try {
            List<PlainItem> outputs = ResponseOpener.open(result, secrets, worker.verificationKey());
            return new WorkOrderOutcome(result, outputs);
        } catch (CryptoException e) {
            throw new ResultVerificationException(
                    "Result of work order "
                            + workOrderId()
                            + " from worker "
                            + worker.workerId()
                            + " failed verification: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Awaits this work order and, recursively, every predecessor it was declared {@code after}, and
     * verifies the chain end to end: each result is signed by its worker, and each successor's signed
     * result names exactly its declared predecessors with the hashes of their verified results.
     *
     * @return the verified outcomes, predecessors before successors, this work order last
     * @throws ResultVerificationException if any result or link does not verify
     */
    public List<WorkOrderOutcome> awaitChain() {
        java.util.LinkedHashMap<String, WorkOrderOutcome> verified = new java.util.LinkedHashMap<>();
        verifyChain(verified);
        return List.copyOf(verified.values());
    }

    private WorkOrderOutcome verifyChain(java.util.Map<String, WorkOrderOutcome> verified) {
        WorkOrderOutcome done = verified.get(workOrderId());
        if (done != null) {
            return done;
        }
        List<WorkOrderResult.PredecessorLink> expected = new java.util.ArrayList<>();
        for (SubmittedWorkOrder predecessor : predecessors) {
            WorkOrderOutcome outcome = predecessor.verifyChain(verified);
            expected.add(new WorkOrderResult.PredecessorLink(
                    predecessor.workOrderId(),
                    Hex.upper(WorkOrderHashes.responseHash(
                            outcome.result(), WorkOrderHashes.requestHash(predecessor.secrets.request())))));
        }
        WorkOrderOutcome outcome = await();
        List<WorkOrderResult.PredecessorLink> named = outcome.result().predecessors() == null
                ? List.of()
                : outcome.result().predecessors();
        if (!named.equals(expected)) {
            throw new ResultVerificationException("Result of work order "
                    + workOrderId()
                    + " names predecessors "
                    + named
                    + " but the verified predecessor results are "
                    + expected);
        }
        verified.put(workOrderId(), outcome);
        return outcome;
    }

    /**
     * Polls until the result is there. Transport failures and call timeouts are retried within the
     * deadline like "pending": polling is idempotent, so a requester rides through a TCS restart.
     */
    private WorkOrderResult poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = requester.timing().poll();
        Duration delay = backoff.initial();
        TcsException lastFailure = null;
        while (true) {
            try {
                if (requester.client().workOrderGetResult(workOrderId()) instanceof SubmitReply.Completed done) {
                    return done.result();
                }
                lastFailure = null;
            } catch (TcsTransportException | TcsTimeoutException e) {
                LOG.debug("Polling work order {} failed; retrying: {}", workOrderId(), e.getMessage());
                lastFailure = e;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                String why = lastFailure == null ? "still pending" : "unreachable (" + lastFailure.getMessage() + ")";
                throw new TcsTimeoutException(
                        "Work order " + workOrderId() + " " + why + " after " + timeout.toMillis() + " ms",
                        lastFailure);
            }
            Backoff.pause(
                    Duration.ofNanos(Math.min(delay.toNanos(), remaining)), "awaiting work order " + workOrderId());
            delay = backoff.next(delay);
        }
    }
}
