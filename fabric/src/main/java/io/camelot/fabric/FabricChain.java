package io.camelot.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.bridge.ChainWorkOrder;
import io.camelot.bridge.Checkpoint;
import io.camelot.bridge.ProxyChain;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaincode of module fabric-chaincode on a Fabric channel, as the bridge's {@link ProxyChain},
 * through the peer's Gateway as the TCS's identity (the one that registers the workers, so their TCS
 * identity). Events come from the Gateway's chaincode-events stream, resumed from a checkpoint as the
 * Gateway's checkpointers do: the block to resume from and the last transaction handled in it.
 */
final class FabricChain implements ProxyChain {
    private static final Logger LOG = LoggerFactory.getLogger(FabricChain.class);
    private static final String SUBMITTED = "workOrderSubmitted";
    private static final int COMPLETED = 2;
    private static final String LAST_UPDATE = "4294967295";
    private static final String RECEIPT_SIGNATURE_RULES = "SHA-256";

    private final FabricGateway gateway;

    FabricChain(FabricGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String describe() {
        FabricSettings settings = gateway.settings();
        return "fabric " + settings.peerEndpoint() + " (chaincode " + settings.chaincode() + " on channel "
                + settings.channel() + ")";
    }

    /** The channel's last block: its height (qscc GetChainInfo) less one. */
    @Override
    public long head() throws Exception {
        byte[] info = gateway.network()
                .getContract("qscc")
                .evaluateTransaction("GetChainInfo", gateway.settings().channel());
        return BlockchainInfo.parseFrom(info).getHeight() - 1;
    }

    @Override
    public void follow(Checkpoint after, Events events) throws Exception {
        try (CloseableIterator<ChaincodeEvent> stream = gateway.network()
                .newChaincodeEventsRequest(gateway.settings().chaincode())
                .checkpoint(resumeAfter(after))
                .build()
                .getEvents()) {
            while (stream.hasNext()) {
                ChaincodeEvent event = stream.next();
                Checkpoint position = new Checkpoint(event.getBlockNumber(), event.getTransactionId());
                if (event.getEventName().equals(SUBMITTED)) {
                    events.submitted(order(event, position));
                } else {
                    events.passed(position);
                }
            }
        }
        throw new IllegalStateException("the peer ended the chaincode event stream");
    }

    /** The Gateway's checkpoint for what follows {@code after}. */
    private static org.hyperledger.fabric.client.Checkpoint resumeAfter(Checkpoint after) {
        long block = after.wholeBlock() ? after.block() + 1 : after.block();
        Optional<String> transaction = after.wholeBlock() ? Optional.empty() : Optional.of(after.transactionId());
        return new org.hyperledger.fabric.client.Checkpoint() {
            @Override
            public OptionalLong getBlockNumber() {
                return OptionalLong.of(block);
            }

            @Override
            public Optional<String> getTransactionId() {
                return transaction;
            }
        };
    }

    /** The submitter is kept as the event's {mspId, id} JSON, for {@link #matches}. */
    private static ChainWorkOrder order(ChaincodeEvent event, Checkpoint position) {
        JsonNode submitted = FabricGateway.json(event.getEventName(), event.getPayload());
        return new ChainWorkOrder(
                submitted.path("workOrderId").asText(),
                submitted.path("workerId").asText(),
                submitted.path("requesterId").asText(),
                submitted.path("workOrderRequest").asText(),
                submitted.path("sender").toString(),
                submitted.path("errorCode").asInt(),
                position);
    }

    /** The event's key must be its sender's key for the JSON's id, and the other ids the same. */
    @Override
    public boolean matches(ChainWorkOrder order, WorkOrderSubmitParams params) {
        JsonNode sender = FabricGateway.json("the submitter", order.submitter().getBytes(StandardCharsets.UTF_8));
        return params.workOrderId() != null
                && FabricTcsClient.workOrderKey(
                                sender.path("mspId").asText(), sender.path("id").asText(), params.workOrderId())
                        .equals(order.key())
                && Objects.equals(params.workerId(), order.workerId())
                && Objects.equals(params.requesterId(), order.requesterId());
    }

    @Override
    public Optional<String> response(ChainWorkOrder order) throws Exception {
        JsonNode onLedger = evaluate("workOrderGet", List.of(order.key()));
        return onLedger.path("status").asInt() == COMPLETED
                ? Optional.of(onLedger.path("response").asText())
                : Optional.empty();
    }

    @Override
    public void complete(ChainWorkOrder order, String response) throws Exception {
        try {
            submit("workOrderComplete", List.of(order.key(), response));
        } catch (GatewayException e) {
            // An earlier attempt may have been committed after all ("already completed"): that is done.
            if (response(order).isEmpty()) {
                throw e;
            }
        }
        LOG.debug("Completed work order {} on the ledger", order.key());
    }

    @Override
    public void updateReceipt(ChainWorkOrder order, ReceiptStatus status, String updateData) throws Exception {
        if (unlessRefused("workOrderReceiptRetrieve", List.of(order.key())).isEmpty()) {
            return; // the requester created no receipt
        }
        List<String> workersLatest = List.of(order.key(), order.workerId(), LAST_UPDATE);
        if (unlessRefused("workOrderReceiptUpdateRetrieve", workersLatest).isPresent()) {
            return; // this worker's update is there already
        }
        submit(
                "workOrderReceiptUpdate",
                List.of(
                        order.key(),
                        order.workerId(),
                        String.valueOf(status.code()),
                        updateData,
                        "",
                        RECEIPT_SIGNATURE_RULES));
    }

    /** A read's answer, or empty when the chaincode refuses it (an unknown key, no such update). */
    private Optional<JsonNode> unlessRefused(String function, List<String> args)
            throws GatewayException, InterruptedException {
        try {
            return Optional.of(evaluate(function, args));
        } catch (GatewayException e) {
            if (ChaincodeErrors.refusal(e).isEmpty()) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private JsonNode evaluate(String function, List<String> args) throws GatewayException, InterruptedException {
        try {
            return gateway.evaluate(function, args);
        } catch (GatewayException e) {
            throw stoppingOr(e);
        }
    }

    private void submit(String function, List<String> args)
            throws GatewayException, FabricGateway.NotCommittedException, InterruptedException {
        try {
            gateway.submit(function, args);
        } catch (GatewayException e) {
            throw stoppingOr(e);
        }
    }

    /**
     * gRPC answers a call on an interrupted thread with CANCELLED and interrupts it again: the bridge is
     * stopping, which it must see as such rather than as a failed relay.
     */
    private static GatewayException stoppingOr(GatewayException e) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            InterruptedException stopping = new InterruptedException("interrupted during a Gateway call");
            stopping.initCause(e);
            throw stopping;
        }
        return e;
    }

    @Override
    public boolean isPermanent(Exception failure) {
        return failure instanceof GatewayException e
                && ChaincodeErrors.refusal(e).isPresent();
    }

    /** Worker ids are the TCS's, as they are. */
    @Override
    public String workerKey(String tcsWorkerId) {
        return tcsWorkerId;
    }

    @Override
    public Optional<ChainWorker> worker(String workerKey) throws Exception {
        return unlessRefused("workerRetrieve", List.of(workerKey))
                .map(worker -> new ChainWorker(
                        worker.path("status").asInt(), worker.path("details").asText()));
    }

    @Override
    public void registerWorker(String workerKey, WorkerRecord record, String details) throws Exception {
        try {
            submit(
                    "workerRegister",
                    List.of(
                            workerKey,
                            String.valueOf(record.workerType()),
                            record.organizationId(),
                            Objects.requireNonNullElse(record.applicationTypeId(), ""),
                            details));
        } catch (GatewayException e) {
            // An earlier attempt may have been committed after all ("exists"): that is done.
            if (worker(workerKey).isEmpty()) {
                throw e;
            }
        }
    }

    @Override
    public void updateWorker(String workerKey, String details) throws Exception {
        submit("workerUpdate", List.of(workerKey, details));
    }

    @Override
    public void setWorkerStatus(String workerKey, int status) throws Exception {
        submit("workerSetStatus", List.of(workerKey, String.valueOf(status)));
    }

    @Override
    public int listOrganization(WorkerRecord record) throws Exception {
        String organization = record.organizationId();
        Optional<JsonNode> listed = unlessRefused("registryRetrieve", List.of(organization));
        if (listed.isEmpty()) {
            try {
                submit(
                        "registryAdd",
                        List.of(
                                organization,
                                "",
                                gateway.settings().chaincode(),
                                Objects.requireNonNullElse(record.applicationTypeId(), "")));
                return 1;
            } catch (GatewayException e) {
                listed = unlessRefused("registryRetrieve", List.of(organization));
                if (listed.isEmpty()) {
                    throw e;
                }
            }
        }
        String owner = listed.get().path("ownerMspId").asText();
        if (!owner.equals(gateway.settings().mspId())) {
            LOG.warn(
                    "Organization {} is listed by {}, not by this TCS's {}",
                    organization,
                    owner,
                    gateway.settings().mspId());
        }
        return 0;
    }

    /**
     * With where work orders and receipts go (the chaincode, as {@code channel/chaincode}) and who
     * completes them (the TCS identity, as {@code mspId::certificateId}).
     */
    @Override
    public WorkerDetails onChain(WorkerDetails details) {
        FabricSettings settings = gateway.settings();
        String chaincode = settings.channel() + "/" + settings.chaincode();
        return details.withInvocationAddresses(chaincode, chaincode, settings.mspId() + "::" + gateway.certificateId());
    }
}
