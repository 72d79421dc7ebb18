package io.camelot.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.ethereum.contracts.WorkOrderReceiptRegistry;
import io.camelot.ethereum.contracts.WorkOrderRegistry;
import io.camelot.ethereum.contracts.WorkerRegistry;
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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;

/**
 * The proxy model behind the SDK's client interface: work orders and receipts travel as
 * transactions from the requester's account, workers and results are read from the contracts. A
 * {@link io.camelot.sdk.Requester} works over it unchanged and verifies results exactly as over the
 * direct model; WorkOrderSubmit always answers "pending" and the requester polls workOrderGet.
 *
 * <p>On chain the sender's account authenticates receipts, so a receipt's requester signature,
 * nonce and verification key are not stored; string update data and signatures are kept as their
 * UTF-8 bytes. EncryptionKeyGet has no contract here (Avalon's proxy model has none either): the
 * worker's encryption key is in its registered details.
 *
 * <p>Work orders and receipts are named by the ids this client's account submitted them under; on
 * chain they are keyed by {@link ProxyContracts#workOrderKey}, so a receipt lookup lists keys.
 */
public final class EthereumTcsClient implements TcsClient {
    private static final BigInteger ACTIVE = BigInteger.ONE;
    private static final BigInteger COMPLETED = BigInteger.TWO;
    private static final BigInteger ANY_RECEIPT_STATUS = BigInteger.valueOf(255);
    private static final BigInteger LAST_UPDATE = BigInteger.valueOf(0xFFFFFFFFL);

    private final Chain chain;
    private final ProxyContracts contracts;
    private final String endpoint;

    private EthereumTcsClient(Chain chain, ProxyContracts contracts) {
        this.chain = chain;
        this.contracts = contracts;
        this.endpoint = "ethereum " + chain.settings().rpcUrl() + " contract " + contracts.workOrderRegistry();
    }

    /** A client sending from the requester's account in {@code settings}; closing it disconnects. */
    public static EthereumTcsClient connect(ChainSettings settings, ProxyContracts contracts) {
        return new EthereumTcsClient(Chain.connect(settings), Objects.requireNonNull(contracts));
    }

    @Override
    public LookUpResult workerLookUp(WorkerLookUpParams filter) {
        return workerLookUpFrom(filter, BigInteger.ZERO);
    }

    @Override
    public LookUpResult workerLookUpNext(WorkerLookUpParams filterWithTag) {
        return workerLookUpFrom(filterWithTag, tag("WorkerLookUpNext", filterWithTag.tag()));
    }

    private LookUpResult workerLookUpFrom(WorkerLookUpParams filter, BigInteger tag) {
        String method = "WorkerLookUp";
        WorkerRegistry registry = contracts.workerRegistry(chain);
        BigInteger type = BigInteger.valueOf(filter.workerType() == null ? 0 : filter.workerType());
        byte[] organization = anyOr32(method, filter.organizationId());
        byte[] app = anyOr32(method, filter.applicationTypeId());
        return lookUp(call(method, registry.workerLookUpNext(type, organization, app, tag)));
    }

    @Override
    public WorkerRecord workerRetrieve(String workerId) {
        String method = "WorkerRetrieve";
        var worker = call(method, contracts.workerRegistry(chain).workerRetrieve(bytes32(method, workerId)));
        if (worker.component1().signum() == 0) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), "Worker Id not found on chain", null);
        }
        WorkerDetails details;
        try {
            details = ProtocolJson.bind(
                    ProtocolJson.parse(worker.component5().getBytes(StandardCharsets.UTF_8)), WorkerDetails.class);
        } catch (EeaException e) {
            throw new TcsTransportException(
                    "Worker " + workerId + " has unreadable details on chain: " + e.getMessage(), e);
        }
        String appTypeIds = worker.component4().stream().map(Bytes32::hex).collect(Collectors.joining(","));
        return new WorkerRecord(
                worker.component2().intValueExact(),
                Bytes32.hex(worker.component3()),
                appTypeIds,
                details,
                worker.component1().intValueExact());
    }

    @Override
    public SubmitReply workOrderSubmit(WorkOrderSubmitParams params) {
        String method = "WorkOrderSubmit";
        byte[] workOrderId = bytes32(method, params.workOrderId());
        byte[] workerId = bytes32(method, params.workerId());
        byte[] requesterId = bytes32(method, params.requesterId());
        TransactionReceipt receipt = call(
                method,
                contracts
                        .workOrderRegistry(chain)
                        .workOrderSubmit(workOrderId, workerId, requesterId, ProtocolJson.toText(params)));
        BigInteger errorCode =
                WorkOrderRegistry.getWorkOrderSubmittedEvents(receipt).getFirst().errorCode;
        if (errorCode.signum() != 0) {
            String why = errorCode.equals(BigInteger.ONE)
                    ? "Work order id already exists on chain"
                    : "Worker is not active on chain";
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), why, null);
        }
        return new SubmitReply.Pending("submitted on chain in transaction "
                + receipt.getTransactionHash()
                + ", block "
                + receipt.getBlockNumber());
    }

    @Override
    public SubmitReply workOrderGetResult(String workOrderId) {
        String method = "WorkOrderGetResult";
        var order = call(method, contracts.workOrderRegistry(chain).workOrderGet(key(method, workOrderId)));
        if (order.component1().equals(ACTIVE)) {
            return new SubmitReply.Pending("Work order is not completed on chain yet");
        }
        if (!order.component1().equals(COMPLETED)) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), "Work order Id not found on chain", null);
        }
        return StoredResponse.completed(method, endpoint, workOrderId, order.component4());
    }

    @Override
    public void receiptCreate(ReceiptCreateParams params) {
        String method = "WorkOrderReceiptCreate";
        byte[] requestHash;
        try {
            requestHash = Base64.getDecoder().decode(params.workOrderRequestHash());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), "workOrderRequestHash is not BASE64", null);
        }
        TransactionReceipt receipt = call(
                method,
                contracts
                        .receiptRegistry(chain)
                        .workOrderReceiptCreate(
                                key(method, params.workOrderId()),
                                bytes32(method, params.workerId()),
                                bytes32(method, params.workerServiceId()),
                                bytes32(method, params.requesterId()),
                                BigInteger.valueOf(
                                        params.receiptCreateStatus() == null ? 0 : params.receiptCreateStatus()),
                                requestHash));
        var created = WorkOrderReceiptRegistry.getWorkOrderReceiptCreatedEvents(receipt)
                .getFirst();
        if (created.errorCode.signum() != 0) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), "Receipt already exists on chain", null);
        }
    }

    @Override
    public void receiptUpdate(ReceiptUpdateParams params) {
        String method = "WorkOrderReceiptUpdate";
        call(
                method,
                contracts
                        .receiptRegistry(chain)
                        .workOrderReceiptUpdate(
                                key(method, params.workOrderId()),
                                bytes32(method, params.updaterId()),
                                BigInteger.valueOf(params.updateType() == null ? 0 : params.updateType()),
                                utf8(params.updateData()),
                                utf8(params.updateSignature()),
                                params.signatureRules() == null ? "" : params.signatureRules()));
    }

    @Override
    public ReceiptRetrieveResult receiptRetrieve(String workOrderId) {
        String method = "WorkOrderReceiptRetrieve";
        var receipt = call(method, contracts.receiptRegistry(chain).workOrderReceiptRetrieve(key(method, workOrderId)));
        if (Bytes32.isZero(receipt.component2())) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), "Receipt not found on chain", null);
        }
        return new ReceiptRetrieveResult(
                Bytes32.normalized(workOrderId),
                Bytes32.hex(receipt.component1()),
                Bytes32.hex(receipt.component2()),
                Bytes32.hex(receipt.component3()),
                receipt.component4().longValueExact(),
                Base64.getEncoder().encodeToString(receipt.component5()),
                null,
                null,
                null,
                null,
                receipt.component6().longValueExact());
    }

    @Override
    public ReceiptUpdateRetrieveResult receiptUpdateRetrieve(ReceiptUpdateRetrieveParams params) {
        String method = "WorkOrderReceiptUpdateRetrieve";
        long index = params.updateIndex() == null ? ReceiptUpdateRetrieveParams.LAST_UPDATE : params.updateIndex();
        var update = call(
                method,
                contracts
                        .receiptRegistry(chain)
                        .workOrderReceiptUpdateRetrieve(
                                key(method, params.workOrderId()),
                                anyOr32(method, params.updaterId()),
                                index == ReceiptUpdateRetrieveParams.LAST_UPDATE
                                        ? LAST_UPDATE
                                        : BigInteger.valueOf(index)));
        return new ReceiptUpdateRetrieveResult(
                Bytes32.normalized(params.workOrderId()),
                Bytes32.hex(update.component1()),
                update.component2().longValueExact(),
                new String(update.component3(), StandardCharsets.UTF_8),
                new String(update.component4(), StandardCharsets.UTF_8),
                update.component5(),
                null,
                update.component6().intValueExact());
    }

    @Override
    public LookUpResult receiptLookUp(ReceiptLookUpParams filter) {
        return receiptLookUpFrom(filter, BigInteger.ZERO);
    }

    @Override
    public LookUpResult receiptLookUpNext(ReceiptLookUpParams filterWithTag) {
        return receiptLookUpFrom(filterWithTag, tag("WorkOrderReceiptLookUpNext", filterWithTag.lastLookUpTag()));
    }

    private LookUpResult receiptLookUpFrom(ReceiptLookUpParams filter, BigInteger tag) {
        String method = "WorkOrderReceiptLookUp";
        OptionalLong status;
        try {
            status = ReceiptStatusFilter.of(filter).status();
        } catch (EeaException e) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), "receiptStatus is not a number", null);
        }
        return lookUp(call(
                method,
                contracts
                        .receiptRegistry(chain)
                        .workOrderReceiptLookUpNext(
                                anyOr32(method, filter.workerServiceId()),
                                anyOr32(method, filter.workerId()),
                                anyOr32(method, filter.requesterId()),
                                status.isEmpty() ? ANY_RECEIPT_STATUS : BigInteger.valueOf(status.getAsLong()),
                                tag)));
    }

    @Override
    public EncryptionKeyResult encryptionKeyGet(String workerId) {
        throw rpcError(
                "EncryptionKeyGet",
                ErrorCode.UNSUPPORTED_MODE.code(),
                "No encryption-key contract in this proxy model; use the encryptionKey in the worker's details",
                null);
    }

    @Override
    public void close() {
        chain.close();
    }

    /** On chain the tag is the offset of the next page, 0 when there is none; here "" means none. */
    private static LookUpResult lookUp(Tuple3<BigInteger, BigInteger, List<byte[]>> page) {
        BigInteger next = page.component2();
        return new LookUpResult(
                page.component1().intValueExact(),
                next.signum() == 0 ? "" : next.toString(),
                page.component3().stream().map(Bytes32::hex).toList());
    }

    private BigInteger tag(String method, String tag) {
        try {
            return tag == null || tag.isEmpty() ? BigInteger.ZERO : new BigInteger(tag);
        } catch (NumberFormatException e) {
            throw rpcError(
                    method, ErrorCode.INVALID_PARAMETER.code(), "lookUpTag is not an on-chain tag: " + tag, null);
        }
    }

    private byte[] bytes32(String method, String id) {
        return parsed(method, () -> Bytes32.of(id));
    }

    /** The on-chain key of a work order this client's account submitted under {@code id}. */
    private byte[] key(String method, String id) {
        return ProxyContracts.workOrderKey(chain.address(), bytes32(method, id));
    }

    /** A lookup filter: null or empty means any. */
    private byte[] anyOr32(String method, String id) {
        return parsed(method, () -> Bytes32.orZero(id));
    }

    private byte[] parsed(String method, Supplier<byte[]> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), e.getMessage(), null);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private <T> T call(String method, RemoteFunctionCall<T> call) {
        try {
            return call.send();
        } catch (org.web3j.protocol.exceptions.TransactionException e) {
            throw rpcError(method, ErrorCode.ACCESS_DENIED.code(), "Transaction reverted: " + e.getMessage(), null);
        } catch (org.web3j.tx.exceptions.ContractCallException e) {
            throw rpcError(method, ErrorCode.INVALID_PARAMETER.code(), e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TcsTransportException(method + " via " + endpoint + " interrupted", e);
        } catch (Exception e) {
            throw new TcsTransportException(method + " via " + endpoint + " failed: " + e.getMessage(), e);
        }
    }

    private TcsRpcException rpcError(String method, int code, String message, JsonNode data) {
        return new TcsRpcException(method, endpoint, code, message, data);
    }
}
