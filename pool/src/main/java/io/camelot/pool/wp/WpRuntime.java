package io.camelot.pool.wp;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.attestation.Tee;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PeerUnavailableException;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcCallException;
import io.camelot.pool.RpcClient;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.worker.WorkOrderExecution;
import io.camelot.worker.Workloads;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Workorder Processor (seed §3.3.2): runs work orders without ever holding the pool's keys. Its
 * TEE identity is an ephemeral signing key and encryption key bound into its attestation together
 * with a random id from the WKM. Per work order it asks the WKM (found with Redirect) for the work
 * order's keys, opens the request, runs the workload, signs the result with its own key and has the
 * WKM check and re-sign it. A lost WKM, or an identity the WKM no longer accepts, makes it restart
 * its identity (and redirect) and run the work order again.
 */
public final class WpRuntime {
    private static final Logger log = LoggerFactory.getLogger(WpRuntime.class);
    private static final int ATTEMPTS = 4;

    private final Tee tee;
    private final Workloads workloads;
    private final RpcClient manager;
    private final String dedicatedRequester;
    private final int restartAfter;

    /** A WP exports no meters, so the execution's stage timings go nowhere. */
    private final WorkOrderExecution execution = new WorkOrderExecution(new CompositeMeterRegistry());

    private volatile Session session;
    private volatile String keyManagerProblem;

    /**
     * @param manager the Worker Manager (or a WKM) whose Redirect names the WKM to use; the WKM is
     *     called with the same identity
     * @param dedicatedRequester the only requester id this WP serves, or empty
     * @param restartAfter restart the TEE identity after this many work orders (0: never)
     */
    public WpRuntime(Tee tee, Workloads workloads, RpcClient manager, String dedicatedRequester, int restartAfter) {
        this.tee = tee;
        this.workloads = workloads;
        this.manager = manager;
        this.dedicatedRequester = dedicatedRequester == null ? "" : dedicatedRequester;
        this.restartAfter = restartAfter;
    }

    /** The names of the workloads a WP runs: the stateless ones, as it refuses stateful ones. */
    public static List<String> runnable(Workloads workloads) {
        return workloads.names().stream()
                .filter(name -> !workloads.find(name).orElseThrow().stateful())
                .toList();
    }

    /**
     * Processes one work order. The outcome of the work order, success or EEA error, is returned;
     * what is wrong with this WP instead (not admitted, no WKM reachable) is thrown as an {@link
     * EeaException} with a {@link PoolApi} code, so the caller can send the work order to another WP.
     */
    public WorkOrderResponse process(JsonNode requestParams) {
        String id = requestParams.path("workOrderId").asText("");
        WorkOrderSubmitParams request;
        Workload workload;
        try {
            request = Params.workOrderSubmit(requestParams);
            if (!dedicatedRequester.isEmpty() && !dedicatedRequester.equals(request.requesterId())) {
                throw new EeaException(
                        WorkOrderStatus.ACCESS_DENIED.code(),
                        "this work order processor is dedicated to another requester");
            }
            workload = WorkOrderExecution.workload(workloads, request);
            if (workload.stateful()) {
                throw new EeaException(
                        WorkOrderStatus.INVALID_WORKLOAD.code(),
                        "workload " + workload.name() + " keeps state and runs on singleton workers, not in a pool");
            }
        } catch (EeaException e) {
            return WorkOrderExecution.failure(id, e);
        }
        PeerUnavailableException lastUnavailable = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Session current;
            try {
                current = session(request.workerId());
            } catch (PeerUnavailableException e) {
                lastUnavailable = e;
                continue;
            } catch (RpcCallException e) {
                keyManagerProblem = e.getMessage();
                throw e.toEeaException();
            }
            try {
                WorkOrderResponse response = run(current, request, requestParams, workload);
                keyManagerProblem = null;
                if (restartAfter > 0 && current.workOrders.incrementAndGet() >= restartAfter) {
                    restart(current, "it processed " + restartAfter + " work orders");
                }
                return response;
            } catch (PeerUnavailableException e) {
                lastUnavailable = e;
                current.wkmLost = true;
                restart(current, "its WKM is unreachable: " + e.getMessage());
            } catch (RpcCallException e) {
                switch (e.code()) {
                    case PoolApi.REATTEST -> restart(current, "the WKM asked it to re-attest: " + e.peerMessage());
                    case PoolApi.NO_KEYS, PoolApi.NOT_ADMITTED, PoolApi.MIGRATION_FORBIDDEN -> {
                        keyManagerProblem = e.getMessage();
                        throw e.toEeaException();
                    }
                    default -> {
                        return WorkOrderExecution.failure(id, e.toEeaException());
                    }
                }
            }
        }
        keyManagerProblem = "no key manager could serve the last work order"
                + (lastUnavailable == null ? "" : ": " + lastUnavailable.getMessage());
        throw new EeaException(PoolApi.NO_KEY_MANAGER, keyManagerProblem);
    }

    /**
     * Why the last work order could not get keys (not admitted, no WKM reachable), or empty once a
     * work order went through or before the first: the WP's readiness, known without a call.
     */
    public Optional<String> keyManagerProblem() {
        return Optional.ofNullable(keyManagerProblem);
    }

    private WorkOrderResponse run(
            Session current, WorkOrderSubmitParams request, JsonNode requestParams, Workload workload) {
        // The attestation info travels until the WKM's first answer names the admission; an admission
        // the WKM no longer knows gets REATTEST, which restarts this identity.
        String admission = current.admission;
        JsonNode preprocessed = current.wkm.call(
                PoolApi.PREPROCESS_WORKORDER,
                admission == null
                        ? Map.of("request", requestParams, "attestation", current.info)
                        : Map.of("request", requestParams, "admission", admission));
        current.admission = preprocessed.path("admission").asText();
        Map<String, String> keys = new HashMap<>();
        for (JsonNode key : preprocessed.path("keys")) {
            keys.put(key.path("wrapped").asText(), key.path("key").asText());
        }
        WorkOrderExecution.Keys released = new WorkOrderExecution.Keys(
                KeyWrapKeyRing.of(new PreprocessedKeys(keys, current.transport)), current.signing);
        WorkOrderResponse signed = execution.run(
                request,
                workload,
                released,
                opened -> new WorkOrderExecution.Setting(STATELESS, opened.inputs(), null));
        if (signed.failed()) {
            return signed;
        }
        // The WKM remembers the request it preprocessed under this hash: no need to send it again.
        JsonNode result = current.wkm.call(
                PoolApi.POSTPROCESS_WORKORDER,
                Map.of("requestHash", preprocessed.path("requestHash").asText(), "response", signed.result()));
        return WorkOrderResponse.of(ProtocolJson.bind(result, WorkOrderResult.class));
    }

    /** The current identity, after redirecting and attesting if there is none. */
    private Session session(String workerId) {
        Session current = session;
        if (current != null && !current.retired) {
            return current;
        }
        synchronized (this) {
            current = session;
            if (current != null && !current.retired) {
                return current;
            }
            RpcClient wkm = current != null && !current.wkmLost
                    ? current.wkm
                    : manager.at(manager.call(PoolApi.REDIRECT, Map.of("workerId", workerId))
                            .path("uri")
                            .asText());
            String randomId =
                    wkm.call(PoolApi.GET_RANDOM_ID, Map.of()).path("randomId").asText();
            PublicKeySign signing = Secp256k1.generate();
            KeyWrapPrivateKey transport = X25519Hkdf.generate();
            AttestationInfo info = AttestationInfo.create(
                    tee,
                    randomId,
                    signing.verifier().pem(),
                    transport.publicKey().pem(),
                    randomId.getBytes(StandardCharsets.UTF_8));
            session = new Session(wkm, signing, transport, info);
            log.info("Attested a new WP identity for WKM {}", wkm.url());
            return session;
        }
    }

    private void restart(Session current, String why) {
        if (!current.retired) {
            current.retired = true;
            log.info("Restarting this WP's TEE identity: {}", why);
        }
    }

    /** Pool workloads are stateless: any state access is a bug in the workload. */
    private static final WorkloadContext STATELESS = new WorkloadContext() {
        @Override
        public Optional<byte[]> state(String key) {
            throw new WorkloadException("pool workloads have no state");
        }

        @Override
        public void putState(String key, byte[] value) {
            throw new WorkloadException("pool workloads have no state");
        }
    };

    /**
     * One TEE identity: its keys, its attestation info, the WKM that admitted it, and the handle of
     * that admission once the WKM answered.
     */
    private static final class Session {
        final RpcClient wkm;
        final PublicKeySign signing;
        final KeyWrapPrivateKey transport;
        final AttestationInfo info;
        final AtomicInteger workOrders = new AtomicInteger();
        volatile String admission;
        volatile boolean retired;
        volatile boolean wkmLost;

        Session(RpcClient wkm, PublicKeySign signing, KeyWrapPrivateKey transport, AttestationInfo info) {
            this.wkm = wkm;
            this.signing = signing;
            this.transport = transport;
            this.info = info;
        }
    }
}
