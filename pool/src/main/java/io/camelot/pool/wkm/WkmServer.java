package io.camelot.pool.wkm;

import static io.camelot.pool.PoolMethod.answering;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.pool.InternalServer;
import io.camelot.pool.KeyCopy;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcClient;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A WKM process's endpoint: the Key Management API (and Redirect to itself) over JSON-RPC, each
 * method to the roles {@link PoolApi#CALLERS} names.
 */
public final class WkmServer implements AutoCloseable {
    private final InternalServer server;
    private final KeyManager keyManager;

    private WkmServer(InternalServer server, KeyManager keyManager) {
        this.server = server;
        this.keyManager = keyManager;
    }

    public static WkmServer start(KeyManager keyManager, String host, int port, PeerSecurity security) {
        AtomicReference<String> url = new AtomicReference<>();
        List<RpcMethod<?>> methods = List.of(
                // A fresh single-use id the caller must put in its attestation info.
                answering(PoolApi.GET_RANDOM_ID, params -> Map.of("randomId", keyManager.randomId())),
                // The pool keys encrypted to an attested WKM of the same measurement.
                answering(
                        PoolApi.GET_WORKER_PRIVATE_KEYS,
                        params -> keyManager.exportKeys(InternalParams.attestation(params, "attestation"))),
                // Installs keys a GetWorkerPrivateKeys of another WKM returned.
                answering(PoolApi.SET_WORKER_PRIVATE_KEYS, params -> install(keyManager, params)),
                // Rotates the pool encryption key on this WKM.
                answering(
                        PoolApi.GENERATE_NEW_ENCRYPTION_KEY,
                        params -> keyManager.generateNewEncryptionKey(
                                InternalParams.optionalText(params, "nonce"),
                                InternalParams.optionalText(params, "tag"))),
                answering(PoolApi.PREPROCESS_WORKORDER, params -> preprocess(keyManager, params)),
                answering(PoolApi.POSTPROCESS_WORKORDER, params -> postprocess(keyManager, params)),
                answering(PoolApi.SIGN_RECEIPT_UPDATE, params -> signReceiptUpdate(keyManager, params)),
                // The pool's public keys and evidence, for the Worker Directory.
                answering(PoolApi.WORKER_INFO, params -> keyManager.workerInfo()),
                // This WKM's attestation info for a GetWorkerPrivateKeys at another WKM.
                answering(
                        PoolApi.CREATE_KEY_REQUEST,
                        params -> keyManager.createKeyRequest(InternalParams.text(params, "randomId"))),
                // Redirect on a WKM answers with the WKM itself, so a WP can be pointed at a WKM
                // directly as well as at a Worker Manager.
                answering(PoolApi.REDIRECT, params -> Map.of("uri", url.get())));
        InternalServer server = InternalServer.start(host, port, methods, security);
        url.set(server.url());
        return new WkmServer(server, keyManager);
    }

    /**
     * Takes the pool keys from the WKM at {@code source} ({@code wkm --join}). This WKM's own steps
     * run in its process: its API serves CreateKeyRequest and SetWorkerPrivateKeys to the Worker
     * Manager only.
     */
    public void join(RpcClient source) {
        KeyCopy.copy(source, new KeyCopy.Target() {
            @Override
            public Object createKeyRequest(String randomId) {
                return keyManager.createKeyRequest(randomId);
            }

            @Override
            public void install(JsonNode exported) {
                WkmServer.install(keyManager, exported);
            }
        });
    }

    /** SetWorkerPrivateKeys {keys, attestation}. */
    private static Map<String, Object> install(KeyManager keyManager, JsonNode params) {
        keyManager.importKeys(InternalParams.text(params, "keys"), InternalParams.attestation(params, "attestation"));
        return Map.of();
    }

    /**
     * PreprocessWorkorder {request, attestation} on a WP identity's first calls, then {request,
     * admission}: the keys of one work order, wrapped to the calling WP's attested key, with the
     * request hash and the admission handle the WP names them by afterwards.
     */
    private static WorkOrderKeyBroker.Preprocessed preprocess(KeyManager keyManager, JsonNode params) {
        WorkOrderSubmitParams request = Params.workOrderSubmit(params.get("request"));
        try (var span = WorkOrderTrace.open(request.workOrderId(), "camelot.wkm.preprocess")) {
            return params.hasNonNull("admission")
                    ? keyManager.preprocess(request, InternalParams.text(params, "admission"))
                    : keyManager.preprocess(request, InternalParams.attestation(params, "attestation"));
        }
    }

    /**
     * PostprocessWorkorder {requestHash, response}: checks a WP's response against the request this
     * WKM preprocessed under that hash and re-signs it with the pool key.
     */
    private static WorkOrderResult postprocess(KeyManager keyManager, JsonNode params) {
        String requestHash = InternalParams.text(params, "requestHash");
        WorkOrderResult response = ProtocolJson.bind(params.get("response"), WorkOrderResult.class);
        String workOrderId = InternalParams.text(params.get("response"), "workOrderId");
        try (var span = WorkOrderTrace.open(workOrderId, "camelot.wkm.postprocess")) {
            return keyManager.postprocess(requestHash, response);
        }
    }

    /**
     * SignReceiptUpdate {workOrderId, workerId, response, requesterNonce?}: the pool-signed PROCESSED
     * or FAILED receipt update for the stored outcome (base64 of its exact bytes), as ReceiptUpdate
     * params.
     */
    private static ReceiptUpdateParams signReceiptUpdate(KeyManager keyManager, JsonNode params) {
        byte[] response;
        try {
            response = Base64.getDecoder().decode(InternalParams.text(params, "response"));
        } catch (IllegalArgumentException e) {
            throw EeaException.invalidParameter("Invalid data format for response: expected base64");
        }
        // The stored request the result must answer; absent for an outcome whose request is gone.
        JsonNode request = params.get("request");
        return keyManager.signReceiptUpdate(
                InternalParams.text(params, "workOrderId"),
                InternalParams.text(params, "workerId"),
                response,
                request == null || request.isNull() ? null : Params.workOrderSubmit(request));
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
