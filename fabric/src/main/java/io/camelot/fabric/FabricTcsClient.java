package io.camelot.fabric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatusFilter;
import io.camelot.protocol.model.EncryptionKeyResult;
import io.camelot.protocol.model.LookUpResult;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.sdk.StoredResponse;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.TcsClient;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.TcsTransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.hyperledger.fabric.client.GatewayException;

/**
 * The proxy model on Fabric behind the SDK's client interface: work orders and receipts are
 * transactions of this client's identity on the chaincode of module fabric-chaincode, workers and
 * results are read from it. A {@link io.camelot.sdk.Requester} works over it unchanged; WorkOrderSubmit
 * answers "pending" and the requester polls workOrderGet until the bridge has written the result.
 *
 * <p>Work orders and receipts are named by the ids this client submitted them under; on the ledger they
 * are keyed by {@link #workOrderKey}, so a receipt lookup lists keys. As on Ethereum, EncryptionKeyGet
 * has no chaincode function: the worker's encryption key is in its registered details.
 */
public final class FabricTcsClient implements TcsClient {
    private static final int ACTIVE = 1;
    private static final int COMPLETED = 2;
    private static final String ANY_RECEIPT_STATUS = "255";
    private static final long LAST_UPDATE = 0xFFFFFFFFL;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_ENCRYPTION_KEY =
            "No encryption-key function in this proxy model; use the encryptionKey in the worker's details";

    private final FabricGateway gateway;
    private final String endpoint;

    private FabricTcsClient(FabricGateway gateway) {
        this.gateway = gateway;
        FabricSettings settings = gateway.settings();
        this.endpoint = "fabric " + settings.peerEndpoint() + " channel " + settings.channel() + " chaincode "
                + settings.chaincode();
    }

    /**
     * A client acting as the identity in {@code settings}; closing it disconnects.
     *
     * @throws IOException if the identity's PEM files cannot be read
     */
    public static FabricTcsClient connect(FabricSettings settings) throws IOException {
        return new FabricTcsClient(FabricGateway.connect(settings));
    }

    /**
     * A work order's key on the ledger: the SHA-256 (hex) of the JSON array {@code [mspId, certificateId,
     * workOrderId]} of its submitter and the id it chose, as the chaincode computes it.
     */
    public static String workOrderKey(String mspId, String certificateId, String workOrderId) {
        try {
            byte[] json = JSON.writeValueAsBytes(List.of(mspId, certificateId, workOrderId));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The key of a work order this client submits under {@code workOrderId}. */
    public String workOrderKey(String workOrderId) {
        return workOrderKey(gateway.settings().mspId(), gateway.certificateId(), workOrderId);
    }

    @Override
    public LookUpResult workerLookUp(WorkerLookUpParams filter) {
        return workerLookUpNext(filter);
    }

    /** From the first page when the tag is empty: the chaincode's tag 0 (its look-ups are its next pages). */
    @Override
    public LookUpResult workerLookUpNext(WorkerLookUpParams filterWithTag) {
        return page("WorkerLookUp", "workerLookUpNext", workerFilter(filterWithTag), filterWithTag.tag());
    }

    private static List<String> workerFilter(WorkerLookUpParams filter) {
        return List.of(
                String.valueOf(filter.workerType() == null ? 0 : filter.workerType()),
                text(filter.organizationId()),
                text(filter.applicationTypeId()));
    }

    @Override
    public WorkerRecord workerRetrieve(String workerId) {
        JsonNode worker = evaluate("WorkerRetrieve", "workerRetrieve", List.of(text(workerId)));
        WorkerDetails details;
        try {
            details = ProtocolJson.bind(
                    ProtocolJson.parse(worker.path("details").asText().getBytes(StandardCharsets.UTF_8)),
                    WorkerDetails.class);
        } catch (EeaException e) {
            throw new TcsTransportException(
                    "Worker " + workerId + " has unreadable details on the ledger: " + e.getMessage(), e);
        }
        List<String> appTypeIds = new ArrayList<>();
        worker.path("applicationTypeId").forEach(id -> appTypeIds.add(id.asText()));
        return new WorkerRecord(
                worker.path("workerType").asInt(),
                worker.path("organizationId").asText(),
                String.join(",", appTypeIds),
                details,
                worker.path("status").asInt());
    }

    @Override
    public SubmitReply workOrderSubmit(WorkOrderSubmitParams params) {
        String method = "WorkOrderSubmit";
        List<String> args = List.of(
                text(params.workOrderId()),
                text(params.workerId()),
                text(params.requesterId()),
                ProtocolJson.toText(params));
        FabricGateway.Committed committed = submit(method, "workOrderSubmit", args);
        int errorCode = committed.result().path("errorCode").asInt();
        if (errorCode != 0) {
            String why = errorCode == 1 ? "Work order id already exists on the ledger" : "Worker is not active";
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), why, null);
        }
        return new SubmitReply.Pending("submitted on Fabric in transaction " + committed.transactionId() + ", block "
                + committed.blockNumber());
    }

    @Override
    public SubmitReply workOrderGetResult(String workOrderId) {
        String method = "WorkOrderGetResult";
        JsonNode order = evaluate(method, "workOrderGet", List.of(workOrderKey(workOrderId)));
        int status = order.path("status").asInt();
        if (status == ACTIVE) {
            return new SubmitReply.Pending("Work order is not completed on the ledger yet");
        }
        if (status != COMPLETED) {
            throw new TcsTransportException("Work order " + workOrderId + " has unknown status " + status);
        }
        return StoredResponse.completed(
                method, endpoint, workOrderId, order.path("response").asText());
    }

    @Override
    public void receiptCreate(ReceiptCreateParams params) {
        String method = "WorkOrderReceiptCreate";
        List<String> args = List.of(
                workOrderKey(text(params.workOrderId())),
                text(params.workerId()),
                text(params.workerServiceId()),
                text(params.requesterId()),
                String.valueOf(params.receiptCreateStatus() == null ? 0 : params.receiptCreateStatus()),
                text(params.workOrderRequestHash()));
        if (submit(method, "workOrderReceiptCreate", args)
                        .result()
                        .path("errorCode")
                        .asInt()
                != 0) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), "Receipt already exists on the ledger", null);
        }
    }

    @Override
    public void receiptUpdate(ReceiptUpdateParams params) {
        submit(
                "WorkOrderReceiptUpdate",
                "workOrderReceiptUpdate",
                List.of(
                        workOrderKey(text(params.workOrderId())),
                        text(params.updaterId()),
                        String.valueOf(params.updateType() == null ? 0 : params.updateType()),
                        text(params.updateData()),
                        text(params.updateSignature()),
                        text(params.signatureRules())));
    }

    @Override
    public ReceiptRetrieveResult receiptRetrieve(String workOrderId) {
        JsonNode receipt = evaluate(
                "WorkOrderReceiptRetrieve", "workOrderReceiptRetrieve", List.of(workOrderKey(text(workOrderId))));
        return new ReceiptRetrieveResult(
                workOrderId,
                receipt.path("workerServiceId").asText(),
                receipt.path("workerId").asText(),
                receipt.path("requesterId").asText(),
                receipt.path("receiptCreateStatus").asLong(),
                receipt.path("workOrderRequestHash").asText(),
                null,
                null,
                null,
                null,
                receipt.path("currentReceiptStatus").asLong());
    }

    @Override
    public ReceiptUpdateRetrieveResult receiptUpdateRetrieve(ReceiptUpdateRetrieveParams params) {
        long index = params.updateIndex() == null || params.updateIndex() == ReceiptUpdateRetrieveParams.LAST_UPDATE
                ? LAST_UPDATE
                : params.updateIndex();
        JsonNode found = evaluate(
                "WorkOrderReceiptUpdateRetrieve",
                "workOrderReceiptUpdateRetrieve",
                List.of(workOrderKey(text(params.workOrderId())), text(params.updaterId()), String.valueOf(index)));
        JsonNode update = found.path("update");
        return new ReceiptUpdateRetrieveResult(
                params.workOrderId(),
                update.path("updaterId").asText(),
                update.path("updateType").asLong(),
                update.path("updateData").asText(),
                update.path("updateSignature").asText(),
                update.path("signatureRules").asText(),
                null,
                found.path("updateCount").asInt());
    }

    @Override
    public LookUpResult receiptLookUp(ReceiptLookUpParams filter) {
        return receiptLookUpNext(filter);
    }

    @Override
    public LookUpResult receiptLookUpNext(ReceiptLookUpParams filterWithTag) {
        return page(
                "WorkOrderReceiptLookUp",
                "workOrderReceiptLookUpNext",
                receiptFilter(filterWithTag),
                filterWithTag.lastLookUpTag());
    }

    private List<String> receiptFilter(ReceiptLookUpParams filter) {
        OptionalLong status;
        try {
            status = ReceiptStatusFilter.of(filter).status();
        } catch (EeaException e) {
            throw rpcError(
                    "WorkOrderReceiptLookUp",
                    ErrorCode.INVALID_PARAMETER.code(),
                    "receiptStatus is not a number",
                    null);
        }
        return List.of(
                text(filter.workerServiceId()),
                text(filter.workerId()),
                text(filter.requesterId()),
                status.isEmpty() ? ANY_RECEIPT_STATUS : String.valueOf(status.getAsLong()));
    }

    @Override
    public EncryptionKeyResult encryptionKeyGet(String workerId) {
        throw rpcError("EncryptionKeyGet", ErrorCode.UNSUPPORTED_MODE.code(), NO_ENCRYPTION_KEY, null);
    }

    @Override
    public void close() {
        gateway.close();
    }

    /**
     * One page of a look-up: on the ledger the tag is the offset of the page (0: the first) and of the
     * next (0: none); here "" means none.
     */
    private LookUpResult page(String method, String function, List<String> filter, String tag) {
        List<String> args = new ArrayList<>(filter);
        args.add(tag == null || tag.isEmpty() ? "0" : tag);
        JsonNode page = evaluate(method, function, args);
        long next = page.path("lookupTag").asLong();
        List<String> ids = new ArrayList<>();
        page.path("ids").forEach(id -> ids.add(id.asText()));
        return new LookUpResult(page.path("totalCount").asInt(), next == 0 ? "" : Long.toString(next), ids);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private JsonNode evaluate(String method, String function, List<String> args) {
        try {
            return gateway.evaluate(function, args);
        } catch (GatewayException e) {
            throw ChaincodeErrors.translate(e, method, endpoint);
        } catch (UncheckedIOException e) {
            throw new TcsTransportException(method + " via " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private FabricGateway.Committed submit(String method, String function, List<String> args) {
        try {
            return gateway.submit(function, args);
        } catch (GatewayException e) {
            throw ChaincodeErrors.translate(e, method, endpoint);
        } catch (FabricGateway.NotCommittedException | UncheckedIOException e) {
            throw new TcsTransportException(method + " via " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private TcsRpcException rpcError(String method, int code, String message, JsonNode data) {
        return new TcsRpcException(method, endpoint, code, message, data);
    }
}
