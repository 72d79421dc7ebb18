package io.camelot.ethereum;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.ethereum.contracts.WorkOrderReceiptRegistry;
import io.camelot.ethereum.contracts.WorkOrderRegistry;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.TcsClient;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.TcsTimeoutException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Carries one submitted work order from the chain to the TCS and its outcome back. Safe to repeat:
 * an order already completed on chain is skipped, the TCS answers a resubmission with the stored
 * outcome, and the contract accepts one completion only.
 */
final class WorkOrderRelay {
    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderRelay.class);
    private static final BigInteger COMPLETED = BigInteger.TWO;
    private static final String RECEIPT_SIGNATURE_RULES = "SHA-256";
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final TcsClient tcs;
    private final Chain chain;
    private final ProxyContracts contracts;
    private final BridgeSettings settings;
    private final WorkOrderRequests requests;

    WorkOrderRelay(TcsClient tcs, Chain chain, ProxyContracts contracts, BridgeSettings settings) {
        this.tcs = tcs;
        this.chain = chain;
        this.contracts = contracts;
        this.settings = settings;
        this.requests = new WorkOrderRequests(settings.requestUris());
    }

    void relay(WorkOrderRegistry.WorkOrderSubmittedEventResponse event) throws Exception {
        String id = Bytes32.hex(event.workOrderId);
        try (var span = WorkOrderTrace.open(id, "camelot.bridge.relay")) {
            relay(id, event);
        }
    }

    private void relay(String id, WorkOrderRegistry.WorkOrderSubmittedEventResponse event) throws Exception {
        WorkOrderRegistry orders = contracts.workOrderRegistry(chain);
        if (isCompleted(orders, event.workOrderId)) {
            LOG.debug("Work order {} is already completed on chain", id);
            return;
        }
        Outcome outcome = execute(id, event);
        complete(orders, event.workOrderId, outcome.response());
        updateReceipt(event, outcome);
    }

    /** The on-chain workOrderResponse and the receipt status it means. */
    private record Outcome(String response, ReceiptStatus status) {}

    /** The on-chain workOrderResponse is {"result": …} or {"error": {code, message, data}}. */
    private Outcome execute(String id, WorkOrderRegistry.WorkOrderSubmittedEventResponse event)
            throws InterruptedException {
        WorkOrderSubmitParams params;
        try {
            params = Params.workOrderSubmit(ProtocolJson.parse(requests.json(event.workOrderRequest)));
        } catch (EeaException e) {
            return error(e.code(), e.getMessage(), id);
        }
        if (!isKey(params.workOrderId(), event)
                || !Bytes32.same(params.workerId(), event.workerId)
                || !Bytes32.same(params.requesterId(), event.requesterId)) {
            return error(2, "The ids in workOrderRequest differ from the workOrderSubmit arguments", id);
        }
        try {
            return result(awaitResult(params.workOrderId(), tcs.workOrderSubmit(params)));
        } catch (TcsRpcException submitFailure) {
            if (submitFailure.code() == WorkOrderStatus.BUSY.code()) {
                throw submitFailure; // a full TCS queue is transient: the round is retried later
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

    /** Polls the TCS, as a direct-model requester does, from 5 ms doubling to 500 ms. */
    private WorkOrderResult awaitResult(String workOrderId, SubmitReply reply) throws InterruptedException {
        long deadline = System.nanoTime() + settings.resultTimeout().toNanos();
        Duration delay = Duration.ofMillis(5);
        while (!(reply instanceof SubmitReply.Completed)) {
            if (System.nanoTime() > deadline) {
                throw new TcsTimeoutException(
                        "Work order " + workOrderId + " not finished by the TCS within " + settings.resultTimeout());
            }
            Thread.sleep(delay);
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(MAX_POLL) > 0 ? MAX_POLL : doubled;
            reply = tcs.workOrderGetResult(workOrderId);
        }
        return ((SubmitReply.Completed) reply).result();
    }

    private void complete(WorkOrderRegistry orders, byte[] workOrderId, String response) throws Exception {
        String id = Bytes32.hex(workOrderId);
        settings.retry().call("workOrderComplete " + id, () -> {
            try {
                return orders.workOrderComplete(workOrderId, response).send();
            } catch (TransactionException e) {
                // An earlier attempt may have been mined after all; that is success, not a failure.
                if (isCompleted(orders, workOrderId)) {
                    return null;
                }
                throw e;
            }
        });
        LOG.debug("Completed work order {} on chain", id);
    }

    /** Records the outcome on the work order's receipt, if its requester created one. */
    private void updateReceipt(WorkOrderRegistry.WorkOrderSubmittedEventResponse event, Outcome outcome)
            throws Exception {
        WorkOrderReceiptRegistry receipts = contracts.receiptRegistry(chain);
        var receipt = receipts.workOrderReceiptRetrieve(event.workOrderId).send();
        if (Bytes32.isZero(receipt.component2())) {
            return;
        }
        // As in the direct model: the update data of a completed receipt is the response's hash in hex.
        byte[] updateData = HexFormat.of()
                .withUpperCase()
                .formatHex(Sha256.digest(outcome.response()))
                .getBytes(StandardCharsets.US_ASCII);
        settings.retry()
                .call(
                        "workOrderReceiptUpdate " + Bytes32.hex(event.workOrderId),
                        () -> receipts.workOrderReceiptUpdate(
                                        event.workOrderId,
                                        event.workerId,
                                        BigInteger.valueOf(outcome.status().code()),
                                        updateData,
                                        new byte[0],
                                        RECEIPT_SIGNATURE_RULES)
                                .send());
    }

    /** Whether the event's work order key is the submitter's key for the JSON's id. */
    private static boolean isKey(String workOrderId, WorkOrderRegistry.WorkOrderSubmittedEventResponse event) {
        try {
            return Arrays.equals(
                    ProxyContracts.workOrderKey(event.senderAddress, Bytes32.of(workOrderId)), event.workOrderId);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isCompleted(WorkOrderRegistry orders, byte[] workOrderId) throws Exception {
        return orders.workOrderGet(workOrderId).send().component1().equals(COMPLETED);
    }

    private static Outcome result(WorkOrderResult result) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set("result", ProtocolJson.toTree(result));
        return new Outcome(ProtocolJson.toText(response), ReceiptStatus.COMPLETED);
    }

    private static Outcome error(int code, String message, String workOrderId) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.putObject("data").put("workOrderId", workOrderId);
        return new Outcome(ProtocolJson.toText(response), ReceiptStatus.FAILED);
    }
}
