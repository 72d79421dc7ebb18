package io.camelot.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.TcsClient;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.TcsTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a chain's work order on the TCS over the direct-model API and turns the outcome into the
 * ledger's workOrderResponse: {"result": …} or {"error": {code, message, data}}. Safe to repeat: the
 * TCS answers a resubmission with the stored outcome.
 */
final class TcsExecution {
    /** The delays between result polls: 5 ms doubling to 500 ms (only its {@code next} is used). */
    private static final RetryPolicy POLL = new RetryPolicy(1, Duration.ofMillis(5), Duration.ofMillis(500));

    private final TcsClient tcs;
    private final ProxyChain chain;
    private final WorkOrderRequests requests;
    private final Duration resultTimeout;

    TcsExecution(TcsClient tcs, ProxyChain chain, RelaySettings settings) {
        this.tcs = tcs;
        this.chain = chain;
        this.requests = new WorkOrderRequests(settings.requestUris());
        this.resultTimeout = settings.resultTimeout();
    }

    /**
     * A workOrderResponse and the receipt status it means: PROCESSED or FAILED, the worker's
     * outcome as in the direct model (COMPLETED is the requester's to set).
     */
    record Outcome(String response, ReceiptStatus status) {
        /** The status a response on the ledger means. */
        static Outcome of(String response) {
            boolean result;
            try {
                result = ProtocolJson.parse(response.getBytes(StandardCharsets.UTF_8))
                        .has("result");
            } catch (EeaException e) {
                result = false;
            }
            return new Outcome(response, result ? ReceiptStatus.PROCESSED : ReceiptStatus.FAILED);
        }
    }

    Outcome execute(ChainWorkOrder order) throws InterruptedException {
        WorkOrderSubmitParams params;
        try {
            params = Params.workOrderSubmit(ProtocolJson.parse(requests.json(order.request())));
        } catch (EeaException e) {
            return error(e.code(), e.getMessage(), order.key());
        }
        if (!chain.matches(order, params)) {
            return error(2, "The ids in workOrderRequest differ from the workOrderSubmit arguments", order.key());
        }
        try {
            return result(awaitResult(params.workOrderId(), tcs.workOrderSubmit(params)));
        } catch (TcsRpcException submitFailure) {
            if (submitFailure.code() == WorkOrderStatus.BUSY.code()) {
                throw submitFailure; // a full TCS queue is transient: the relay is retried later
            }
            // A replay after a restart meets the TCS's duplicate check: read the stored outcome instead.
            try {
                return result(awaitResult(params.workOrderId(), tcs.workOrderGetResult(params.workOrderId())));
            } catch (TcsRpcException stored) {
                TcsRpcException cause = stored.code() == 2 ? submitFailure : stored;
                return error(cause.code(), cause.serverMessage(), params.workOrderId());
            }
        }
    }

    /** Polls the TCS as a direct-model requester does, from 5 ms doubling to 500 ms. */
    private WorkOrderResult awaitResult(String workOrderId, SubmitReply reply) throws InterruptedException {
        long deadline = System.nanoTime() + resultTimeout.toNanos();
        Duration delay = POLL.initial();
        while (!(reply instanceof SubmitReply.Completed)) {
            if (System.nanoTime() > deadline) {
                throw new TcsTimeoutException(
                        "Work order " + workOrderId + " not finished by the TCS within " + resultTimeout);
            }
            Thread.sleep(delay);
            delay = POLL.next(delay);
            reply = tcs.workOrderGetResult(workOrderId);
        }
        return ((SubmitReply.Completed) reply).result();
    }

    private static Outcome result(WorkOrderResult result) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set("result", ProtocolJson.toTree(result));
        return new Outcome(ProtocolJson.toText(response), ReceiptStatus.PROCESSED);
    }

    private static Outcome error(int code, String message, String workOrderId) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        JsonNode data = JsonNodeFactory.instance.objectNode().put("workOrderId", workOrderId);
        error.set("data", data);
        return new Outcome(ProtocolJson.toText(response), ReceiptStatus.FAILED);
    }
}
