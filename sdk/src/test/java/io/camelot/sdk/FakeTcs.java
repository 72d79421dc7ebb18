package io.camelot.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.ReceiptWriters;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
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
import io.camelot.protocol.model.WorkerTypeData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An in-memory TCS with one real worker: it opens requests with its RSA key, echoes each input as
 * "RESULT: " + text, and signs results with its secp256k1 key, all through the protocol envelope.
 * Tests flip its fields to make it misbehave.
 */
final class FakeTcs implements TcsClient {
    static final String WORKER_ID = "0b03616a46ea9cf574f3f8eedc93a62c691a60dbd3783427c0243bacfe5bba94";

    /** Generated once: 3072-bit RSA generation is slow. */
    static final KeyWrapPrivateKey ENCRYPTION_KEY = RsaOaep.generate();

    static final PublicKeySign SIGNING_KEY = Secp256k1.generate();
    static final KeyWrapPrivateKey X25519_KEY = X25519Hkdf.generate();
    private static final int PAGE_SIZE = 2;

    int status = 1;
    String signingAlgorithm = WorkerDetails.SECP256K1;
    String encryptionKeySignature = Signatures.encryptionKeySignature(
            SIGNING_KEY, ENCRYPTION_KEY.publicKey().pem());
    String proofData = "";
    String encryptionKeyPem = ENCRYPTION_KEY.publicKey().pem();

    /** Offers {@link #X25519_KEY}, correctly signed, next to RSA-OAEP. */
    void offerX25519() {
        x25519KeyPem = X25519_KEY.publicKey().pem();
        x25519KeySignature = Signatures.encryptionKeySignature(SIGNING_KEY, x25519KeyPem);
    }

    /** Null for an RSA-only worker, as Avalon's are. */
    String x25519KeyPem;

    String x25519KeySignature;
    boolean syncMode;
    boolean pool;
    PublicKeySign poolVouchingKey = SIGNING_KEY;
    int pendingPolls;
    int unreachablePolls;

    /** This many submits fail in transport before the TCS sees them. */
    int unreachableSubmits;

    /** This many submits are stored, then fail in transport: the answer is lost. */
    int lostSubmitAnswers;

    /** Edits the {@code data} of a duplicate answer, to play a TCS that says otherwise or nothing. */
    Consumer<ObjectNode> duplicateData = data -> {};

    Integer failureCode;
    UnaryOperator<WorkOrderResult> tamper = UnaryOperator.identity();
    boolean repeatingPages;
    List<String> workerDirectory = List.of(WORKER_ID);

    int getResultCalls;

    /** Every submit's params as serialized for the wire, in order, stored or not. */
    final List<byte[]> submitBodies = new ArrayList<>();

    final Map<String, WorkOrderSubmitParams> requests = new HashMap<>();
    final Map<String, OpenedRequest> opened = new HashMap<>();
    final Map<String, ReceiptCreateParams> receipts = new TreeMap<>();
    final Map<String, List<ReceiptUpdateParams>> receiptUpdates = new HashMap<>();
    final List<String> workerLookUpTags = new ArrayList<>();
    private final Map<String, WorkOrderResult> results = new HashMap<>();
    private final Map<String, byte[]> storedBodies = new HashMap<>();

    @Override
    public LookUpResult workerLookUp(WorkerLookUpParams filter) {
        return page(workerDirectory, null);
    }

    @Override
    public LookUpResult workerLookUpNext(WorkerLookUpParams filterWithTag) {
        workerLookUpTags.add(filterWithTag.tag());
        return page(workerDirectory, filterWithTag.tag());
    }

    @Override
    public WorkerRecord workerRetrieve(String workerId) {
        WorkerTypeData typeData = new WorkerTypeData(
                SIGNING_KEY.verifier().pem(),
                null,
                "",
                proofData,
                encryptionKeyPem,
                null,
                encryptionKeySignature,
                null);
        String keyEncryption = WorkerDetails.RSA_OAEP_3072;
        if (x25519KeyPem != null) {
            typeData = typeData.withX25519EncryptionKey(x25519KeyPem, x25519KeySignature);
            keyEncryption += "," + X25519Hkdf.ALGORITHM;
        }
        WorkerDetails details = new WorkerDetails(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                WorkerDetails.SHA_256,
                signingAlgorithm,
                keyEncryption,
                WorkerDetails.AES_GCM_256,
                WorkerDetails.JSON_RPC,
                typeData);
        return new WorkerRecord(1, null, null, details, status);
    }

    @Override
    public SubmitReply workOrderSubmit(WorkOrderSubmitParams params) {
        byte[] body = ProtocolJson.toBytes(params);
        submitBodies.add(body);
        if (unreachableSubmits > 0) {
            unreachableSubmits--;
            throw new TcsTransportException("WorkOrderSubmit to fake failed: Connection refused");
        }
        // Through the wire format, as a real TCS would see it.
        WorkOrderSubmitParams request = Params.workOrderSubmit(ProtocolJson.toTree(params));
        byte[] stored = storedBodies.get(request.workOrderId());
        if (stored != null) {
            ObjectNode data = ProtocolJson.mapper()
                    .createObjectNode()
                    .put("workOrderId", request.workOrderId())
                    .put("sameRequest", Arrays.equals(stored, body));
            duplicateData.accept(data);
            throw new TcsRpcException(
                    "WorkOrderSubmit",
                    "fake",
                    WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE.code(),
                    "Work order id already exists in the database. Hence invalid parameter",
                    data);
        }
        OpenedRequest openedRequest = RequestOpener.open(request, KeyWrapKeyRing.of(ENCRYPTION_KEY, X25519_KEY));
        storedBodies.put(request.workOrderId(), body);
        requests.put(request.workOrderId(), request);
        opened.put(request.workOrderId(), openedRequest);
        results.put(request.workOrderId(), tamper.apply(execute(openedRequest)));
        if (lostSubmitAnswers > 0) {
            lostSubmitAnswers--;
            throw new TcsTransportException("WorkOrderSubmit to fake failed: Connection was closed");
        }
        return syncMode
                ? new SubmitReply.Completed(results.get(request.workOrderId()))
                : new SubmitReply.Pending("Work order is computing");
    }

    @Override
    public SubmitReply workOrderGetResult(String workOrderId) {
        getResultCalls++;
        if (getResultCalls <= unreachablePolls) {
            throw new TcsTransportException("WorkOrderGetResult to fake failed: Connection refused");
        }
        if (failureCode != null) {
            throw new TcsRpcException("WorkOrderGetResult", "fake", failureCode, "Workload cannot be processed", null);
        }
        if (getResultCalls <= pendingPolls) {
            return new SubmitReply.Pending("Work order result is yet to be updated");
        }
        return new SubmitReply.Completed(results.get(workOrderId));
    }

    @Override
    public void receiptCreate(ReceiptCreateParams params) {
        WorkOrderSubmitParams request = requests.get(params.workOrderId());
        if (request == null) {
            throw invalid("WorkOrderReceiptCreate", "Work order id does not exist, hence invalid request");
        }
        String expectedHash = Base64.getEncoder().encodeToString(WorkOrderHashes.requestHash(request));
        if (!expectedHash.equals(params.workOrderRequestHash())) {
            throw invalid("WorkOrderReceiptCreate", "Work order request hash does not match");
        }
        if (!Signatures.verifyReceiptCreate(Secp256k1.verifierFromPem(params.receiptVerificationKey()), params)) {
            throw invalid("WorkOrderReceiptCreate", "Receipt create requester signature does not match");
        }
        receipts.put(params.workOrderId(), params);
    }

    @Override
    public void receiptUpdate(ReceiptUpdateParams params) {
        // As the listener: only the worker's key or the receipt creator's may write.
        ReceiptCreateParams create = receipts.get(params.workOrderId());
        if (create == null
                || !ReceiptWriters.signedBy(SIGNING_KEY.verifier(), params)
                        && !ReceiptWriters.signedBy(
                                Secp256k1.verifierFromPem(create.receiptVerificationKey()), params)) {
            throw invalid(
                    "WorkOrderReceiptUpdate",
                    "Receipt update signature does not verify under the worker's key or the receipt creator's key");
        }
        receiptUpdates
                .computeIfAbsent(params.workOrderId(), id -> new ArrayList<>())
                .add(params);
    }

    @Override
    public ReceiptRetrieveResult receiptRetrieve(String workOrderId) {
        List<ReceiptUpdateParams> updates = receiptUpdates.getOrDefault(workOrderId, List.of());
        ReceiptCreateParams create = receipts.get(workOrderId);
        long current = updates.isEmpty()
                ? create.receiptCreateStatus()
                : updates.getLast().updateType();
        return ReceiptRetrieveResult.of(create, current);
    }

    @Override
    public ReceiptUpdateRetrieveResult receiptUpdateRetrieve(ReceiptUpdateRetrieveParams params) {
        List<ReceiptUpdateParams> updates = receiptUpdates.get(params.workOrderId());
        ReceiptUpdateParams update = params.updateIndex() == ReceiptUpdateRetrieveParams.LAST_UPDATE
                ? updates.getLast()
                : updates.get((int) (params.updateIndex() - 1));
        return ReceiptUpdateRetrieveResult.of(update, updates.size());
    }

    @Override
    public LookUpResult receiptLookUp(ReceiptLookUpParams filter) {
        return page(List.copyOf(receipts.keySet()), null);
    }

    @Override
    public LookUpResult receiptLookUpNext(ReceiptLookUpParams filterWithTag) {
        return page(List.copyOf(receipts.keySet()), filterWithTag.lastLookUpTag());
    }

    @Override
    public EncryptionKeyResult encryptionKeyGet(String workerId) {
        return new EncryptionKeyResult(workerId, ENCRYPTION_KEY.publicKey().pem(), "", "", encryptionKeySignature);
    }

    @Override
    public void close() {}

    /** Records a receipt update as the TCS would, signed by the worker's own key. */
    void addWorkerSignedUpdate(String workOrderId, long updateType, String updateData) {
        receiptUpdates
                .computeIfAbsent(workOrderId, id -> new ArrayList<>())
                .add(new ReceiptUpdateParams(
                        workOrderId,
                        "ab",
                        updateType,
                        updateData,
                        Signatures.receiptUpdateSignature(SIGNING_KEY, workOrderId, updateType, updateData),
                        ReceiptCreateParams.SIGNATURE_RULES,
                        SIGNING_KEY.verifier().pem()));
    }

    private WorkOrderResult execute(OpenedRequest request) {
        List<PlainItem> outputs = request.inputs().stream()
                .map(input -> PlainItem.ofText(input.index(), "RESULT: " + input.text()))
                .toList();
        if (!pool) {
            return ResponseSealer.seal(request, outputs, SIGNING_KEY);
        }
        PublicKeySign perWorkOrderKey = Secp256k1.generate();
        String extKey = perWorkOrderKey.verifier().pem();
        return ResponseSealer.seal(request, outputs, perWorkOrderKey)
                .withExtVerificationKey(
                        extKey, Signatures.extVerificationKeySignature(poolVouchingKey, extKey, request.request()));
    }

    /** Pages of {@link #PAGE_SIZE} ids after {@code tag}; a repeating server ignores the tag. */
    private LookUpResult page(List<String> ids, String tag) {
        int start = tag == null || repeatingPages ? 0 : ids.indexOf(tag) + 1;
        List<String> page = ids.subList(Math.min(start, ids.size()), Math.min(start + PAGE_SIZE, ids.size()));
        return LookUpResult.of(List.copyOf(page));
    }

    private static TcsRpcException invalid(String method, String message) {
        return new TcsRpcException(
                method, "fake", WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE.code(), message, null);
    }
}
