package io.camelot.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.EncryptionKeyGetParams;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerIdParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRegisterParams;
import io.camelot.protocol.model.WorkerSetStatusParams;
import io.camelot.protocol.model.WorkerUpdateParams;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where request params are parsed and validated, for every direct-model method. Each
 * method binds the JSON once into its record and applies the checks of Avalon's schemas and of its
 * enclave, so that a request which passes here can only fail later for cryptographic reasons.
 * Failures are {@link EeaException}s with code 2 and a message naming the field.
 */
public final class Params {
    /**
     * Avalon's hex pattern: an optional {@code 0x}/{@code 0X} prefix, then at least one hex digit.
     */
    static final Pattern HEX = Pattern.compile("^(0[xX])?[0-9a-fA-F]+$");

    /** Ids become store keys; anything longer than this is not a real id. */
    public static final int MAX_ID_LENGTH = 256;

    /**
     * A receipt update's data is a response hash (64 hex digits) or a short application note; every
     * update of a receipt is read back whole on each further update, so bulk data belongs elsewhere,
     * named by its hash.
     */
    public static final int MAX_UPDATE_DATA_LENGTH = 1024;

    private Params() {}

    /**
     * WorkOrderSubmit's params, for re-reading a request that was checked when it was admitted (a
     * stored request, a pool's forwarded one); admission takes {@link #validatedWorkOrderSubmit}.
     */
    public static WorkOrderSubmitParams workOrderSubmit(JsonNode params) {
        return validatedWorkOrderSubmit(params).params();
    }

    /** WorkOrderSubmit's params, checked, as a type only this class makes. */
    public static Validated<WorkOrderSubmitParams> validatedWorkOrderSubmit(JsonNode params) {
        WorkOrderSubmitParams p = ProtocolJson.bind(params, WorkOrderSubmitParams.class);
        p.envelope(); // refuses an envelopeVersion this build does not serve, before anything else
        required("responseTimeoutMSecs", p.responseTimeoutMSecs());
        required("payloadFormat", p.payloadFormat());
        id("workOrderId", p.workOrderId());
        id("workerId", p.workerId());
        hex("workloadId", p.workloadId(), true);
        hex("requesterId", p.requesterId(), true);
        hex("encryptedSessionKey", p.encryptedSessionKey(), true);
        hex("requesterNonce", p.requesterNonce(), true);
        hex("encryptedRequestHash", p.encryptedRequestHash(), true);
        hex("workerEncryptionKey", p.workerEncryptionKey(), false);
        if (!"json-rpc".equalsIgnoreCase(p.payloadFormat())) {
            throw EeaException.invalidParameter("Unsupported payload format found in the input");
        }
        if (p.dataEncryptionAlgorithm() != null
                && !p.dataEncryptionAlgorithm().isEmpty()
                && !"AES-GCM-256".equals(p.dataEncryptionAlgorithm())) {
            throw EeaException.invalidParameter("Unsupported dataEncryptionAlgorithm found in the request");
        }
        if (p.sessionKeyIv() == null || p.sessionKeyIv().isEmpty()) {
            throw EeaException.invalidParameter("invalid request; failed to retrieve sessionKeyIv");
        }
        if (!Hex.isHex(p.sessionKeyIv()) || p.sessionKeyIv().length() != 24) {
            throw EeaException.invalidParameter("Invalid data format for sessionKeyIv: expected 12 bytes as hex");
        }
        if (p.requesterSignature() != null && !p.requesterSignature().isEmpty()) {
            base64("requesterSignature", p.requesterSignature());
            if (p.verifyingKey() == null || p.verifyingKey().isBlank()) {
                throw EeaException.invalidParameter(
                        "'verifyingKey' is a required property when requesterSignature is present");
            }
        }
        if (p.inData() == null || p.inData().isEmpty()) {
            throw EeaException.invalidParameter("Indata is empty");
        }
        items("inData", p.inData(), true);
        if (p.outData() != null) {
            items("outData", p.outData(), false);
        }
        if (p.dependencies() != null) {
            dependencies(p.workOrderId(), p.dependencies(), p.inData());
        }
        return new Validated<>(p);
    }

    /**
     * Names a resource in {@code reads}/{@code writes}: a namespace, a colon, a name, e.g. {@code
     * wallet:alice}.
     */
    private static final Pattern RESOURCE = Pattern.compile("^[A-Za-z0-9._-]+:[A-Za-z0-9._:/@-]+$");

    public static final int MAX_PREDECESSORS = 64;
    public static final int MAX_RESOURCES = 64;
    public static final int MAX_RESOURCE_LENGTH = 128;

    /**
     * Camelot's dependencies extension: sizes, id and resource formats, and hand-offs that name a
     * declared predecessor and an empty inData placeholder. Whether predecessors exist is the queue's
     * check, at submit.
     */
    private static void dependencies(String workOrderId, Dependencies deps, List<DataItem> inData) {
        List<String> after = deps.afterIds();
        if (after.size() > MAX_PREDECESSORS) {
            throw EeaException.invalidParameter(
                    "Invalid data format for dependencies.after: more than " + MAX_PREDECESSORS + " ids");
        }
        Set<String> predecessors = new HashSet<>();
        for (int i = 0; i < after.size(); i++) {
            String id = after.get(i);
            id("dependencies.after[" + i + "]", id);
            if (id.equals(workOrderId)) {
                throw EeaException.invalidParameter(
                        "Invalid dependencies.after: work order " + id + " cannot depend on itself (cycle)");
            }
            if (!predecessors.add(id)) {
                throw EeaException.invalidParameter("Invalid dependencies.after: duplicate id " + id);
            }
        }
        if (deps.readResources().size() + deps.writeResources().size() > MAX_RESOURCES) {
            throw EeaException.invalidParameter(
                    "Invalid data format for dependencies: more than " + MAX_RESOURCES + " resources");
        }
        resources("dependencies.reads", deps.readResources());
        resources("dependencies.writes", deps.writeResources());
        Set<Integer> targets = new HashSet<>();
        List<Dependencies.HandOff> handOffs = deps.handOffs();
        for (int i = 0; i < handOffs.size(); i++) {
            Dependencies.HandOff h = handOffs.get(i);
            String at = "dependencies.inputFrom[" + i + "]";
            if (h == null || h.index() == null || h.workOrderId() == null || h.outputIndex() == null) {
                throw EeaException.invalidParameter(
                        "'index', 'workOrderId' and 'outputIndex' are required properties of " + at);
            }
            if (!predecessors.contains(h.workOrderId())) {
                throw EeaException.invalidParameter(
                        "Invalid " + at + ": work order " + h.workOrderId() + " is not listed in dependencies.after");
            }
            if (h.outputIndex() < 0) {
                throw EeaException.invalidParameter("Invalid data format for " + at + ".outputIndex");
            }
            if (!targets.add(h.index())) {
                throw EeaException.invalidParameter(
                        "Invalid " + at + ": inData index " + h.index() + " is filled twice");
            }
            DataItem placeholder = inData.stream()
                    .filter(item -> h.index().equals(item.index()))
                    .findFirst()
                    .orElse(null);
            if (placeholder == null
                    || !placeholder.data().isEmpty()
                    || (placeholder.dataHash() != null
                            && !placeholder.dataHash().isEmpty())) {
                throw EeaException.invalidParameter("Invalid "
                        + at
                        + ": inData needs an item at index "
                        + h.index()
                        + " with empty data and no dataHash");
            }
        }
    }

    private static void resources(String field, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null
                    || name.length() > MAX_RESOURCE_LENGTH
                    || !RESOURCE.matcher(name).matches()) {
                throw EeaException.invalidParameter("Invalid data format for "
                        + field
                        + "["
                        + i
                        + "]: expected namespace:name of at most "
                        + MAX_RESOURCE_LENGTH
                        + " characters from [A-Za-z0-9._:/@-]");
            }
            if (!seen.add(name)) {
                throw EeaException.invalidParameter("Invalid " + field + ": duplicate resource " + name);
            }
        }
    }

    public static WorkOrderIdParams workOrderId(JsonNode params) {
        WorkOrderIdParams p = ProtocolJson.bind(params, WorkOrderIdParams.class);
        id("workOrderId", p.workOrderId());
        return p;
    }

    public static WorkerIdParams workerId(JsonNode params) {
        WorkerIdParams p = ProtocolJson.bind(params, WorkerIdParams.class);
        id("workerId", p.workerId());
        return p;
    }

    public static WorkerLookUpParams workerLookUp(JsonNode params) {
        WorkerLookUpParams p = ProtocolJson.bind(params, WorkerLookUpParams.class);
        workerTypeAndIds(p.workerType(), p.organizationId(), p.applicationTypeId());
        return p;
    }

    /** A worker type, where given, is one of the EEA's three; the two ids, where given, are hex. */
    private static void workerTypeAndIds(Integer workerType, String organizationId, String applicationTypeId) {
        if (workerType != null && (workerType < 1 || workerType > 3)) {
            throw EeaException.invalidParameter("Invalid data format for workerType");
        }
        hex("organizationId", organizationId, false);
        hex("applicationTypeId", applicationTypeId, false);
    }

    public static WorkerRegisterParams workerRegister(JsonNode params) {
        WorkerRegisterParams p = ProtocolJson.bind(params, WorkerRegisterParams.class);
        id("workerId", p.workerId());
        required("workerType", p.workerType());
        workerTypeAndIds(p.workerType(), p.organizationId(), p.applicationTypeId());
        required("details", p.details());
        return p;
    }

    public static WorkerUpdateParams workerUpdate(JsonNode params) {
        WorkerUpdateParams p = ProtocolJson.bind(params, WorkerUpdateParams.class);
        id("workerId", p.workerId());
        required("details", p.details());
        return p;
    }

    public static WorkerSetStatusParams workerSetStatus(JsonNode params) {
        WorkerSetStatusParams p = ProtocolJson.bind(params, WorkerSetStatusParams.class);
        id("workerId", p.workerId());
        required("status", p.status());
        try {
            WorkerStatus.of(p.status());
        } catch (IllegalArgumentException e) {
            throw EeaException.invalidParameter("Invalid data format for status: expected 1 to 4");
        }
        return p;
    }

    public static EncryptionKeyGetParams encryptionKeyGet(JsonNode params) {
        EncryptionKeyGetParams p = ProtocolJson.bind(params, EncryptionKeyGetParams.class);
        id("workerId", p.workerId());
        return p;
    }

    public static ReceiptCreateParams receiptCreate(JsonNode params) {
        ReceiptCreateParams p = ProtocolJson.bind(params, ReceiptCreateParams.class);
        id("workOrderId", p.workOrderId());
        hex("workerServiceId", p.workerServiceId(), false);
        hex("workerId", p.workerId(), false);
        hex("requesterId", p.requesterId(), false);
        hex("requesterGeneratedNonce", p.requesterGeneratedNonce(), false);
        required("receiptCreateStatus", p.receiptCreateStatus());
        if (ReceiptStatus.of(p.receiptCreateStatus()).isEmpty()) {
            throw EeaException.invalidParameter("Invalid data format for receiptCreateStatus: expected 0 to 4");
        }
        required("workOrderRequestHash", p.workOrderRequestHash());
        base64("workOrderRequestHash", p.workOrderRequestHash());
        signatureRules(p.signatureRules());
        if (p.requesterSignature() != null && !p.requesterSignature().isEmpty()) {
            base64("requesterSignature", p.requesterSignature());
            required("receiptVerificationKey", p.receiptVerificationKey());
        }
        return p;
    }

    public static ReceiptUpdateParams receiptUpdate(JsonNode params) {
        ReceiptUpdateParams p = ProtocolJson.bind(params, ReceiptUpdateParams.class);
        id("workOrderId", p.workOrderId());
        hex("updaterId", p.updaterId(), false);
        required("updateType", p.updateType());
        required("updateData", p.updateData());
        if (p.updateData().length() > MAX_UPDATE_DATA_LENGTH) {
            throw EeaException.invalidParameter(
                    "Invalid data format for updateData: longer than " + MAX_UPDATE_DATA_LENGTH + " characters");
        }
        signatureRules(p.signatureRules());
        // The key it verifies under is the worker's or the receipt creator's, which the listener knows.
        if (p.updateSignature() != null && !p.updateSignature().isEmpty()) {
            base64("updateSignature", p.updateSignature());
        }
        return p;
    }

    public static ReceiptUpdateRetrieveParams receiptUpdateRetrieve(JsonNode params) {
        ReceiptUpdateRetrieveParams p = ProtocolJson.bind(params, ReceiptUpdateRetrieveParams.class);
        id("workOrderId", p.workOrderId());
        hex("updaterId", p.updaterId(), false);
        required("updateIndex", p.updateIndex());
        if (p.updateIndex() <= 0) {
            throw EeaException.invalidParameter(
                    "Update index should be positive non-zero number. Hence invalid parameter");
        }
        return p;
    }

    public static ReceiptLookUp receiptLookUp(JsonNode params) {
        ReceiptLookUpParams p = ProtocolJson.bind(params, ReceiptLookUpParams.class);
        hex("workerServiceId", p.workerServiceId(), false);
        hex("workerId", p.workerId(), false);
        hex("requesterId", p.requesterId(), false);
        hex("lastLookUpTag", p.lastLookUpTag(), false);
        return new ReceiptLookUp(p, ReceiptStatusFilter.of(p));
    }

    /** The text after an optional {@code 0x}/{@code 0X} prefix. */
    public static String stripHexPrefix(String hex) {
        return hex.length() > 1 && hex.charAt(0) == '0' && (hex.charAt(1) == 'x' || hex.charAt(1) == 'X')
                ? hex.substring(2)
                : hex;
    }

    private static void items(String field, List<DataItem> items, boolean dataRequired) {
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            DataItem item = items.get(i);
            String at = field + "[" + i + "]";
            if (item == null) {
                throw EeaException.invalidParameter("Invalid data format for " + at);
            }
            if (item.index() == null) {
                throw EeaException.invalidParameter("'index' is a required property of " + at);
            }
            if (!indexes.add(item.index())) {
                throw EeaException.invalidParameter(
                        "Invalid data format for " + at + ".index: duplicate index " + item.index());
            }
            if (dataRequired && item.data() == null) {
                throw EeaException.invalidParameter("'data' is a required property of " + at);
            }
            // Stricter than Avalon's unanchored pattern: data is base64 (empty for an empty item).
            if (item.data() != null && !isStrictBase64(item.data())) {
                throw EeaException.invalidParameter("Invalid data format for " + at + ".data");
            }
            if (item.dataHash() != null && !item.dataHash().isEmpty()) {
                hex(at + ".dataHash", item.dataHash(), false);
            }
            String key = item.encryptedDataEncryptionKey();
            if (key != null
                    && !key.isEmpty()
                    && !"-".equals(key)
                    && !"null".equals(key)
                    && !HEX.matcher(key).matches()) {
                throw EeaException.invalidParameter("Invalid data format for " + at + ".encryptedDataEncryptionKey");
            }
            if (item.iv() != null
                    && !item.iv().isEmpty()
                    && !HEX.matcher(item.iv()).matches()) {
                throw EeaException.invalidParameter("Invalid data format for " + at + ".iv");
            }
        }
    }

    /**
     * Standard base64 with padding, nothing else (no whitespace, no URL alphabet). A linear scan:
     * {@code data} items can be megabytes, where a regular expression costs more than the crypto.
     */
    static boolean isStrictBase64(String text) {
        int length = text.length();
        if (length % 4 != 0) {
            return false;
        }
        int padding = length > 0 && text.charAt(length - 1) == '=' ? (text.charAt(length - 2) == '=' ? 2 : 1) : 0;
        for (int i = 0; i < length - padding; i++) {
            char c = text.charAt(i);
            boolean inAlphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!inAlphabet) {
                return false;
            }
        }
        return true;
    }

    private static void signatureRules(String rules) {
        if (rules == null) {
            return;
        }
        String[] parts = rules.split("/");
        if (parts.length == 2 && !(parts[0].equals("SHA-256") && parts[1].equals("SECP256K1"))) {
            throw EeaException.invalidParameter("Unsupported the signing rules");
        }
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw EeaException.invalidParameter("'" + field + "' is a required property");
        }
    }

    private static void id(String field, String value) {
        hex(field, value, true);
        if (value.length() > MAX_ID_LENGTH) {
            throw EeaException.invalidParameter(
                    "Invalid data format for " + field + ": longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    private static void hex(String field, String value, boolean isRequired) {
        if (value == null) {
            if (isRequired) {
                required(field, null);
            }
            return;
        }
        if (!HEX.matcher(value).matches()) {
            throw EeaException.invalidParameter("Invalid data format for " + field);
        }
    }

    private static void base64(String field, String value) {
        if (!isStrictBase64(value)) {
            throw EeaException.invalidParameter("Invalid data format for " + field);
        }
    }
}
