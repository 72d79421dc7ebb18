package io.camelot.bridge;

import io.camelot.protocol.model.EncryptionKeyResult;
import io.camelot.protocol.model.LookUpResult;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.TcsClient;
import io.camelot.sdk.TcsRpcException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCS for the bridge's tests: it runs each work order at once (its result names the work order),
 * answers a resubmission with code 2 as a real TCS does, and counts runs per id. Nothing is sealed:
 * the bridge relays without looking inside.
 */
final class EchoTcs implements TcsClient {
    static final String WORKER = "0a0b";

    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<String, WorkOrderResult> results = new ConcurrentHashMap<>();
    /** Submissions of these ids fail this many more times, as an unreachable TCS would. */
    final Map<String, AtomicInteger> unreachable = new ConcurrentHashMap<>();

    @Override
    public SubmitReply workOrderSubmit(WorkOrderSubmitParams params) {
        AtomicInteger failures = unreachable.get(params.workOrderId());
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new IllegalStateException("connection refused");
        }
        WorkOrderResult result = new WorkOrderResult(
                params.workOrderId(),
                params.workloadId(),
                params.workerId(),
                params.requesterId(),
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null);
        if (results.putIfAbsent(params.workOrderId(), result) != null) {
            throw new TcsRpcException("WorkOrderSubmit", "test", 2, "Work order id already exists", null);
        }
        runs.computeIfAbsent(params.workOrderId(), id -> new AtomicInteger()).incrementAndGet();
        return new SubmitReply.Completed(result);
    }

    @Override
    public SubmitReply workOrderGetResult(String workOrderId) {
        WorkOrderResult result = results.get(workOrderId);
        if (result == null) {
            throw new TcsRpcException("WorkOrderGetResult", "test", 2, "Work order Id not found", null);
        }
        return new SubmitReply.Completed(result);
    }

    @Override
    public LookUpResult workerLookUp(WorkerLookUpParams filter) {
        return new LookUpResult(1, "", List.of(WORKER));
    }

    @Override
    public LookUpResult workerLookUpNext(WorkerLookUpParams filterWithTag) {
        return new LookUpResult(0, "", List.of());
    }

    @Override
    public WorkerRecord workerRetrieve(String workerId) {
        WorkerDetails details = new WorkerDetails(
                null, null, null, null, null, null, null, null, "SHA-256", null, null, null, "JSON-RPC", null);
        return new WorkerRecord(1, "org", "app", details, 1);
    }

    @Override
    public void receiptCreate(ReceiptCreateParams params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void receiptUpdate(ReceiptUpdateParams params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ReceiptRetrieveResult receiptRetrieve(String workOrderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ReceiptUpdateRetrieveResult receiptUpdateRetrieve(ReceiptUpdateRetrieveParams params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LookUpResult receiptLookUp(ReceiptLookUpParams filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LookUpResult receiptLookUpNext(ReceiptLookUpParams filterWithTag) {
        throw new UnsupportedOperationException();
    }

    @Override
    public EncryptionKeyResult encryptionKeyGet(String workerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
