package io.camelot.pool;

import static io.camelot.pool.PoolRole.MANAGER;
import static io.camelot.pool.PoolRole.WKM;
import static io.camelot.pool.PoolRole.WP;
import static java.util.Map.entry;

import java.util.Map;
import java.util.Set;

/**
 * Names and error codes of the pool's internal JSON-RPC APIs (seed §3.2): the Key Management API
 * served by every WKM and proxied by the Worker Manager, the Redirection API, and the call a
 * listener's dispatcher makes on a WP. Errors about a work order itself use the EEA work order
 * codes (2 tampered, 3 access denied...); errors about the caller use the negative codes below, so
 * a WP can tell "this work order fails" from "I must re-attest" or "I am not admitted". A call not
 * signed by a listed pool peer never reaches a method: {@link InternalServer} answers code 3.
 */
public final class PoolApi {
    public static final String GET_RANDOM_ID = "GetRandomId";
    public static final String GET_WORKER_PRIVATE_KEYS = "GetWorkerPrivateKeys";
    public static final String SET_WORKER_PRIVATE_KEYS = "SetWorkerPrivateKeys";
    public static final String GENERATE_NEW_ENCRYPTION_KEY = "GenerateNewEncryptionKey";
    public static final String PREPROCESS_WORKORDER = "PreprocessWorkorder";
    public static final String POSTPROCESS_WORKORDER = "PostprocessWorkorder";

    /**
     * Not in the seed's list: the pool-signed PROCESSED/FAILED receipt update for a work order's
     * stored outcome ({@code workOrderId, workerId, response: base64 of the stored bytes,
     * requesterNonce}); a result must carry the pool's signature.
     */
    public static final String SIGN_RECEIPT_UPDATE = "SignReceiptUpdate";

    /** Redirection API: the Key Management endpoint to use for a worker. */
    public static final String REDIRECT = "Redirect";

    /** Not in the seed's list: the public half of the pool identity, for the Worker Directory. */
    public static final String WORKER_INFO = "WorkerInfo";

    /**
     * Not in the seed's list: the untrusted half of a WKM asks its TEE for attestation info carrying
     * a random id another WKM issued, to request that WKM's private keys (seed §3.3.2 replication).
     */
    public static final String CREATE_KEY_REQUEST = "CreateKeyRequest";

    /**
     * Not in the seed's list, served by the Worker Manager: a started WP offers its slots ({@code
     * url, slots, dedicatedRequester, measurement}). WPs are pool-internal: they are never listed in
     * the public Worker Directory, where the pool is one worker.
     */
    public static final String REGISTER_WORKORDER_PROCESSOR = "RegisterWorkorderProcessor";

    /**
     * Not in the seed's list, served by the Worker Manager: a stopping WP ({@code url}) takes no more
     * work; answers {@code drained} once its in-flight work orders finished, or after a bounded wait
     * (the WP asks again).
     */
    public static final String DEREGISTER_WORKORDER_PROCESSOR = "DeregisterWorkorderProcessor";

    /**
     * Not in the seed's list, served by the Worker Manager: the registered WPs and their slot use.
     */
    public static final String LIST_WORKORDER_PROCESSORS = "ListWorkorderProcessors";

    /** Served by a WP: process one work order end to end. */
    public static final String PROCESS_WORK_ORDER = "ProcessWorkOrder";

    /**
     * Which roles each method serves, on whichever process serves it (a WKM, or the Worker Manager's
     * proxy of the Key Management API). Key creation, export, import and rotation are the Worker
     * Manager's; a WKM replica may only ask a WKM for its keys when it joins ({@code wkm --join}),
     * which the exporter still checks by attestation; a WP gets per-work-order keys and registers
     * itself, nothing else.
     */
    public static final Map<String, Set<PoolRole>> CALLERS = Map.ofEntries(
            entry(GET_RANDOM_ID, Set.of(MANAGER, WKM, WP)),
            entry(GET_WORKER_PRIVATE_KEYS, Set.of(MANAGER, WKM)),
            entry(SET_WORKER_PRIVATE_KEYS, Set.of(MANAGER)),
            entry(CREATE_KEY_REQUEST, Set.of(MANAGER)),
            entry(GENERATE_NEW_ENCRYPTION_KEY, Set.of(MANAGER)),
            // The Worker Manager forwards its WPs' calls when they reach the WKMs through it.
            entry(PREPROCESS_WORKORDER, Set.of(WP, MANAGER)),
            entry(POSTPROCESS_WORKORDER, Set.of(WP, MANAGER)),
            entry(SIGN_RECEIPT_UPDATE, Set.of(MANAGER)),
            entry(WORKER_INFO, Set.of(MANAGER)),
            entry(REDIRECT, Set.of(WP)),
            entry(REGISTER_WORKORDER_PROCESSOR, Set.of(WP)),
            entry(DEREGISTER_WORKORDER_PROCESSOR, Set.of(WP)),
            entry(LIST_WORKORDER_PROCESSORS, Set.of(MANAGER)),
            entry(PROCESS_WORK_ORDER, Set.of(MANAGER)));

    /** The caller's attestation was refused: wrong measurement, bad evidence, policy. */
    public static final int NOT_ADMITTED = -32001;

    /** The caller's identity is unknown, spent or over its work order budget: re-attest and retry. */
    public static final int REATTEST = -32002;

    /** This WKM holds no pool keys yet (a replica that has not joined). */
    public static final int NO_KEYS = -32003;

    /** No WKM of the pool could be reached. */
    public static final int NO_KEY_MANAGER = -32004;

    /** The call needs key migration, which this pool's policy forbids. */
    public static final int MIGRATION_FORBIDDEN = -32005;

    private PoolApi() {}
}
