package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.worker.WorkerReceiptUpdates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brokers the keys of single work orders: gives an admitted WP the keys of one request, wrapped to
 * that WP's attested key, and re-signs what the WP produced once it checks the result answers the
 * request it preprocessed. It also signs the pool's receipt updates, for results the pool signed.
 */
final class WorkOrderKeyBroker {
    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    // Beyond this many pending work orders, preprocess drops those older than PENDING_LIFETIME.
    private static final int PENDING_PRUNE_THRESHOLD = 10_000;

    private final PoolPolicy policy;
    private final PoolKeyVault vault;
    private final WpAdmissions admissions;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    WorkOrderKeyBroker(PoolPolicy policy, PoolKeyVault vault, WpAdmissions admissions, Clock clock) {
        this.policy = policy;
        this.vault = vault;
        this.admissions = admissions;
        this.clock = clock;
    }

    /** A work order's key, as PreprocessWorkorder returns it. */
    public record PreprocessedKey(String wrapped, String key) {}

    /**
     * PreprocessWorkorder's answer: the keys, the request hash PostprocessWorkorder names the work
     * order by, and the handle the WP names its admission by in its next PreprocessWorkorder calls.
     */
    public record Preprocessed(List<PreprocessedKey> keys, String requestHash, String admission) {}

    /**
     * Checks the request (hash, signature) with the pool key and the requester policy, and returns
     * every key it unwrapped, wrapped again to the calling WP's attested encryption key.
     */
    Preprocessed preprocess(WorkOrderSubmitParams request, WpAdmissions.Caller caller) {
        PoolKeys current = vault.current();
        WpAdmissions.Admitted wp = admissions.admitted(caller);
        RecordingKey recording = new RecordingKey(vault.keyFor(request, current));
        OpenedRequest opened = RequestOpener.open(request, KeyWrapKeyRing.of(recording));
        // Judged on the key the signature verified under, never on the requesterId anyone may claim
        // (M7).
        policy.refusal(opened.verifiedRequesterKey()).ifPresent(reason -> {
            throw new EeaException(WorkOrderStatus.ACCESS_DENIED.code(), reason);
        });
        admissions.spend(wp);
        long now = clock.millis();
        if (pending.size() > PENDING_PRUNE_THRESHOLD) {
            pending.values().removeIf(p -> p.atMillis < now - PENDING_LIFETIME.toMillis());
        }
        String requestHash = Hex.upper(opened.requestHash());
        pending.put(requestHash, new Pending(request, wp.verificationKey, now));
        List<PreprocessedKey> keys = new ArrayList<>();
        for (RecordingKey.Unwrapped u : recording.unwrapped()) {
            keys.add(new PreprocessedKey(Hex.upper(u.wrapped()), Hex.upper(wp.transportKey.wrap(u.key()))));
        }
        return new Preprocessed(keys, requestHash, wp.handle);
    }

    /**
     * Checks that {@code response} answers the request this WKM preprocessed under {@code
     * requestHash}, signed by the WP that preprocessed it, and re-signs it for requesters: with the
     * pool key, or (ext-key policy) with a fresh per-work-order key the pool key vouches for. Only a
     * response that passes every check uses up the work order, so a caller naming another WP's
     * request hash neither gets a signature nor costs that WP its work order.
     */
    WorkOrderResult postprocess(String requestHash, WorkOrderResult response) {
        PoolKeys current = vault.current();
        Pending p = pending.get(requestHash);
        if (p == null) {
            throw notPreprocessed(requestHash);
        }
        WorkOrderSubmitParams request = p.request;
        if (!Objects.equals(response.workOrderId(), request.workOrderId())
                || !Objects.equals(response.workloadId(), request.workloadId())
                || !Objects.equals(response.workerId(), request.workerId())
                || !Objects.equals(response.requesterId(), request.requesterId())) {
            throw new EeaException(PoolApi.NOT_ADMITTED, "the response does not answer the preprocessed request");
        }
        byte[] hash = WorkOrderHashes.responseHash(response, Hex.decode(requestHash));
        byte[] wpSignature;
        try {
            wpSignature = Base64.getDecoder().decode(Objects.requireNonNullElse(response.workerSignature(), ""));
        } catch (IllegalArgumentException e) {
            wpSignature = new byte[0];
        }
        if (!p.wpKey.verifyDigest(hash, wpSignature)) {
            throw new EeaException(PoolApi.NOT_ADMITTED, "the response is not signed by the WP that preprocessed it");
        }
        // Re-signed once: of two calls for one work order, only the one that removes the entry goes on.
        if (!pending.remove(requestHash, p)) {
            throw notPreprocessed(requestHash);
        }
        if (policy.extKeySignatures()) {
            PublicKeySign perWorkOrder = Secp256k1.generate();
            String pem = perWorkOrder.verifier().pem();
            return response.withSignature(Base64.getEncoder().encodeToString(perWorkOrder.signDigest(hash)))
                    .withExtVerificationKey(
                            pem, Signatures.extVerificationKeySignature(current.signing(), pem, request));
        }
        return response.withSignature(
                        Base64.getEncoder().encodeToString(current.signing().signDigest(hash)))
                .withExtVerificationKey(null, null);
    }

    private static EeaException notPreprocessed(String requestHash) {
        return new EeaException(
                PoolApi.REATTEST,
                "the work order with request hash " + requestHash + " was not preprocessed by this WKM");
    }

    /**
     * The pool-signed PROCESSED or FAILED receipt update for a work order's stored outcome, whose
     * exact bytes it hashes itself. A result gets PROCESSED only if the pool signed it (with the pool
     * key, or with an ext key the pool key vouched for, bound to {@code request}), so nothing else
     * can be passed off as the pool's result. An error object is unsigned in EEA: FAILED says only
     * that the stored outcome with that hash is an error naming this work order, as the singleton's
     * does. Stateless, so any replica signs any work order, across restarts; it cannot tell whether
     * the pool saw a work order, so the listener makes that check: it takes a FAILED only with the
     * hash of the stored outcome.
     *
     * @param updaterId the pool worker's id, which the update names (not covered by the signature)
     */
    ReceiptUpdateParams signReceiptUpdate(
            String workOrderId, String updaterId, byte[] responseBytes, WorkOrderSubmitParams request) {
        PoolKeys current = vault.current();
        WorkOrderResponse response = ProtocolJson.bind(responseBytes, WorkOrderResponse.class);
        if (response.failed()) {
            JsonNode data = response.error().data();
            if (data == null || !workOrderId.equals(data.path("workOrderId").asText())) {
                throw new EeaException(PoolApi.NOT_ADMITTED, "the error does not name work order " + workOrderId);
            }
        } else if (response.result() == null
                || request == null
                || !workOrderId.equals(response.result().workOrderId())
                || !workOrderId.equals(request.workOrderId())) {
            throw new EeaException(PoolApi.NOT_ADMITTED, "the response is no result of work order " + workOrderId);
        } else {
            try {
                ResponseOpener.verifySignature(
                        response.result(), request, current.signing().verifier());
            } catch (CryptoException e) {
                throw new EeaException(
                        PoolApi.NOT_ADMITTED, "the result is not signed by this pool: " + e.getMessage());
            }
        }
        return WorkerReceiptUpdates.signed(current.signing(), updaterId, workOrderId, response, responseBytes);
    }

    /**
     * What preprocess remembers, under the request hash, for postprocess: the request the response
     * must answer and the key of the WP that got its keys.
     */
    private record Pending(WorkOrderSubmitParams request, PublicKeyVerify wpKey, long atMillis) {}
}
