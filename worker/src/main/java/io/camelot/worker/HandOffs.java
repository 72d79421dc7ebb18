package io.camelot.worker;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.store.TcsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The worker's side of Camelot's dependency chains (docs/dependencies.md): the links naming each
 * predecessor's response hash, and hand-offs, where a predecessor's output becomes a successor's
 * input without leaving the worker. The worker re-opens the predecessor's stored request with its
 * own key to recover that session key, so no plaintext and no key is ever stored for a hand-off.
 */
final class HandOffs {
    private final TcsStore store;
    // The worker's keys now: a rotation replaces them, and keeps the retired ones predecessors name.
    private final Supplier<WorkerKeys> keys;
    private final String workerId;

    HandOffs(TcsStore store, Supplier<WorkerKeys> keys, String workerId) {
        this.store = store;
        this.keys = keys;
        this.workerId = workerId;
    }

    /** Each declared predecessor with the hash of its signed result, in declaration order. */
    List<WorkOrderResult.PredecessorLink> links(Dependencies deps) {
        List<WorkOrderResult.PredecessorLink> links = new ArrayList<>();
        for (String predecessor : deps.afterIds()) {
            WorkOrderResult result = predecessorResult(predecessor);
            links.add(new WorkOrderResult.PredecessorLink(
                    predecessor, Hex.upper(WorkOrderHashes.responseHash(result, predecessorRequestHash(predecessor)))));
        }
        return links;
    }

    /**
     * The successor's inputs with each hand-off placeholder replaced by the predecessor's output.
     *
     * @throws EeaException code 3 if the predecessor was not signed by the successor's requester key
     */
    List<PlainItem> fill(OpenedRequest successor) {
        Dependencies deps = successor.request().dependencies();
        List<PlainItem> inputs = new ArrayList<>(successor.inputs());
        for (Dependencies.HandOff handOff : deps.handOffs()) {
            byte[] output = predecessorOutput(successor.request(), handOff);
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i).index() == handOff.index()) {
                    inputs.set(i, new PlainItem(handOff.index(), output));
                }
            }
        }
        return inputs;
    }

    private byte[] predecessorOutput(WorkOrderSubmitParams successor, Dependencies.HandOff handOff) {
        String id = handOff.workOrderId();
        WorkOrderSubmitParams predecessor = storedRequest(id);
        if (!workerId.equals(predecessor.workerId())) {
            throw failed("hand-off from work order " + id + ": it ran on worker " + predecessor.workerId());
        }
        requireSameRequester(successor, predecessor, id);
        // Re-opening checks the predecessor's integrity again and yields its session key, in the
        // worker.
        WorkerKeys current = keys.get();
        OpenedRequest opened = RequestOpener.open(predecessor, current.unwrapKeysFor(predecessor));
        WorkOrderResult result = predecessorResult(id);
        try {
            List<PlainItem> outputs = ResponseOpener.open(
                    result,
                    new RequestSecrets(predecessor, opened.sessionKey(), opened.sessionIv()),
                    current.signing().verifier());
            return outputs.stream()
                    .filter(item -> item.index() == handOff.outputIndex())
                    .findFirst()
                    .map(PlainItem::data)
                    .orElseThrow(() -> failed("hand-off from work order "
                            + id
                            + ": it has no output item "
                            + handOff.outputIndex()
                            + " under its session key"));
        } catch (CryptoException e) {
            throw failed("hand-off from work order " + id + ": its result does not verify: " + e.getMessage());
        }
    }

    /**
     * Only the holder of the key that signed the predecessor may have its output handed on, so both
     * work orders must be signed (the signatures themselves are verified on opening) by one key.
     */
    private static void requireSameRequester(
            WorkOrderSubmitParams successor, WorkOrderSubmitParams predecessor, String id) {
        boolean bothSigned = successor.requesterSignature() != null
                && !successor.requesterSignature().isEmpty()
                && predecessor.requesterSignature() != null
                && !predecessor.requesterSignature().isEmpty();
        boolean sameKey = false;
        if (bothSigned) {
            try {
                sameKey = Secp256k1.verifierFromPem(successor.verifyingKey())
                        .pem()
                        .equals(Secp256k1.verifierFromPem(predecessor.verifyingKey())
                                .pem());
            } catch (CryptoException e) {
                sameKey = false;
            }
        }
        if (!sameKey) {
            throw new EeaException(
                    WorkOrderStatus.ACCESS_DENIED.code(),
                    "hand-off from work order "
                            + id
                            + " refused: both work orders must be signed by the same requester key");
        }
    }

    /** The stored predecessor request's hash, which a hardened result's hash covers. */
    private byte[] predecessorRequestHash(String id) {
        return WorkOrderHashes.requestHash(storedRequest(id));
    }

    private WorkOrderSubmitParams storedRequest(String id) {
        return store.request(id)
                .map(raw -> Params.workOrderSubmit(ProtocolJson.parse(raw).get("params")))
                .orElseThrow(() -> failed("hand-off from work order " + id + ": its request is no longer stored"));
    }

    private WorkOrderResult predecessorResult(String id) {
        WorkOrderResponse response = store.response(id)
                .map(bytes -> ProtocolJson.bind(bytes, WorkOrderResponse.class))
                .orElseThrow(() -> failed("predecessor work order " + id + " has no stored result"));
        if (response.result() == null) {
            throw failed("predecessor work order " + id + " failed");
        }
        return response.result();
    }

    private static EeaException failed(String message) {
        return new EeaException(WorkOrderStatus.FAILED.code(), message);
    }
}
