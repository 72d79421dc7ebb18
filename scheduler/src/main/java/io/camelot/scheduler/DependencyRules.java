package io.camelot.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.store.TcsStore;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every dependency scheduler says the same way, whether its tables live in one node's memory
 * ({@link InMemoryDependencyGate}) or in the shared PostgreSQL queue: the admission refusals, the
 * reading of a predecessor's outcome and the response of a work order whose predecessor failed.
 */
public final class DependencyRules {
    static final String UNSIGNED_SCOPE = "unsigned";

    private DependencyRules() {}

    /** Whether the work order waits for anything: predecessors or resource locks. */
    public static boolean gated(Dependencies deps) {
        return deps != null && (!deps.afterIds().isEmpty() || deps.hasResources());
    }

    /**
     * The locks a work order takes, in canonical (sorted) order, each mapped to true if exclusive (a
     * resource both read and written is written). A lock is {@code <scope>/<resource>}, the scope
     * being the requester's key ({@link #lockScope}): resource names are chosen freely, so a lock
     * shared across requesters would let anyone hold back anyone else's work orders (M5).
     *
     * @param params a work order with dependencies
     */
    public static SortedMap<String, Boolean> lockModes(WorkOrderSubmitParams params) {
        Dependencies deps = params.dependencies();
        SortedMap<String, Boolean> exclusive = new TreeMap<>();
        if (!deps.hasResources()) {
            return exclusive;
        }
        String scope = lockScope(params) + "/";
        deps.readResources().forEach(name -> exclusive.put(scope + name, false));
        deps.writeResources().forEach(name -> exclusive.put(scope + name, true));
        return exclusive;
    }

    /**
     * Whose resources a work order locks: the lower-case hex SHA-256 of its verifying key's canonical
     * PEM, so any encoding of one key gives one scope. {@link #checkAdmissible} admits resources only
     * with a signature that verifies under that key. {@value #UNSIGNED_SCOPE} is the one shared scope
     * of the unsigned ones a queue may still hold from before that rule.
     */
    public static String lockScope(WorkOrderSubmitParams params) {
        if (!signed(params)) {
            return UNSIGNED_SCOPE;
        }
        String pem;
        try {
            pem = Secp256k1.verifierFromPem(params.verifyingKey()).pem();
        } catch (CryptoException malformed) {
            // Only in a request stored before submit checked signatures: its worker refuses it, and a
            // restart must not fail on it meanwhile.
            pem = params.verifyingKey();
        }
        return HexFormat.of().formatHex(Sha256.digest(pem));
    }

    /**
     * Refuses, before anything is stored, a work order naming a predecessor the store does not know
     * (so no cycle can ever form: a predecessor must exist before its successor), a hand-off from a
     * work order of another worker, or resources without a requester signature that verifies (locks
     * are per requester key, {@link #lockModes}).
     *
     * @throws EeaException code 2 naming the offending id or the reason
     */
    public static void checkAdmissible(TcsStore store, String workerId, WorkOrderSubmitParams params) {
        Dependencies deps = params.dependencies();
        if (deps.hasResources()) {
            requireRequesterSignature(params);
        }
        for (String predecessor : deps.afterIds()) {
            if (store.workOrder(predecessor).isEmpty()) {
                throw EeaException.invalidParameter("Invalid dependencies.after: unknown predecessor work order "
                        + predecessor
                        + " (a predecessor must be submitted first, so no cycle can form)");
            }
        }
        for (Dependencies.HandOff handOff : deps.handOffs()) {
            String predecessorWorker = store.workOrder(handOff.workOrderId())
                    .map(TcsStore.WorkOrderInfo::workerId)
                    .orElse("");
            if (!predecessorWorker.equals(workerId)) {
                throw EeaException.invalidParameter("Invalid dependencies.inputFrom: work order "
                        + handOff.workOrderId()
                        + " ran on another worker; a hand-off stays inside one worker's TEE");
            }
        }
    }

    /**
     * Checks here, not only in the worker, the signature over the request hash: a work order claiming
     * another requester's key would otherwise sit in that requester's lock queues until a worker
     * refused it. The hash covers the dependencies, and the TCS refuses a request hash it has seen,
     * so a signed request cannot be replayed under another id either.
     */
    private static void requireRequesterSignature(WorkOrderSubmitParams params) {
        if (!signed(params)) {
            throw EeaException.invalidParameter(
                    "Invalid dependencies: resources need a signed work order (requesterSignature and verifyingKey);"
                            + " resource locks belong to the requester key");
        }
        PublicKeyVerify verifier;
        try {
            verifier = Secp256k1.verifierFromPem(params.verifyingKey());
        } catch (CryptoException e) {
            throw EeaException.invalidParameter("Invalid data format for verifyingKey: " + e.getMessage());
        }
        byte[] signature = Base64.getDecoder().decode(params.requesterSignature());
        if (!verifier.verifyDigest(WorkOrderHashes.requestHash(params), signature)) {
            throw EeaException.invalidParameter(
                    "Invalid dependencies: the requester signature does not verify under verifyingKey;"
                            + " resource locks belong to the requester key");
        }
    }

    private static boolean signed(WorkOrderSubmitParams params) {
        return params.requesterSignature() != null
                && !params.requesterSignature().isEmpty()
                && params.verifyingKey() != null
                && !params.verifyingKey().isEmpty();
    }

    /**
     * The error message of a stored response, or null if it is a result. Only responses of
     * predecessors are parsed, never on the path of independent work orders.
     */
    public static String failureOf(byte[] response) {
        JsonNode error = ProtocolJson.parse(response).get("error");
        if (error == null || error.isNull()) {
            return null;
        }
        return "code " + error.path("code").asInt() + ", "
                + error.path("message").asText();
    }

    /**
     * Why a successor cannot run: its predecessor failed with {@code failure} ({@link #failureOf}).
     */
    public static String predecessorFailed(String predecessorId, String failure) {
        return "predecessor work order " + predecessorId + " failed: " + failure;
    }

    /**
     * Why a successor cannot run: its predecessor is gone (purged before the successor was
     * scheduled).
     */
    public static String predecessorUnknown(String predecessorId) {
        return "predecessor work order " + predecessorId + " is unknown (purged)";
    }

    /**
     * The response stored for a work order that cannot run: FAILED (code 1) with {@code reason}. The
     * worker signs nothing here; if a receipt exists it appends its signed FAILED update as for any
     * failed work order.
     */
    public static byte[] cannotRunResponse(String workOrderId, String reason) {
        JsonNode data = JsonNodeFactory.instance.objectNode().put("workOrderId", workOrderId);
        return ProtocolJson.toBytes(WorkOrderResponse.of(new JsonRpcError(
                WorkOrderStatus.FAILED.code(), "Work order " + workOrderId + " cannot run: " + reason, data)));
    }
}
