package io.camelot.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.attestation.ReportDataBinding;
import io.camelot.attestation.Tee;
import io.camelot.attestation.TeeEvidence;
import io.camelot.attestation.TeeKind;
import io.camelot.io.Connectors;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.WorkerType;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.scheduler.WorkOrderStages;
import io.camelot.store.TcsStore;
import io.camelot.workload.Workload;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A singleton trusted worker: it runs the EEA work order protocol (unwrap, verify, decrypt, run,
 * encrypt, sign) with keys sealed to its {@link Tee}, and publishes the TEE's evidence binding
 * those keys in its worker record. With the default simulated TEE the keys live in this JVM, not in
 * an enclave.
 *
 * <p>Each work order is processed once and its outcome, the workload's state writes and the
 * worker-signed receipt update are stored in one transaction. Stateful workloads run one work order
 * at a time, holding their lock until that transaction commits, so no update is lost; work orders
 * that declare the resources they read and write are instead serialised by the queue's resource
 * locks (which hold across workers), run concurrently with each other, and may touch only those
 * resources. A workload granted a connector that keeps state (kv) runs one work order at a time
 * too, whatever it declares, and its connector writes commit with the response like state writes.
 */
public final class SingletonWorker implements WorkOrderProcessor {
    /** Why a worker that requires requester signatures refused an unsigned work order (code 3). */
    public static final String REQUIRES_SIGNATURE = "this worker requires work orders signed by the requester";

    /** How long a retired key opens work orders: the grace period, then the queue's allowance. */
    private static final long RETIRED_KEY_LIFETIME_MILLIS =
            RetiredKeys.SINGLETON_GRACE.plus(RetiredKeys.QUEUE_ALLOWANCE).toMillis();

    private final WorkerConfig config;
    private final Tee tee;
    // Replaced together by a key rotation; work orders read them once each.
    private volatile WorkerKeys keys;
    private volatile WorkerRecord record;
    private final Workloads workloads;
    private final TcsStore store;
    private final Clock clock;
    private final Connectors connectors;
    private final Map<String, ReadWriteLock> statefulLocks = new ConcurrentHashMap<>();
    private final HandOffs handOffs;
    private final MeterRegistry registry;
    private final WorkOrderExecution execution;
    private final Timer storeTimer;

    /** Completions by outcome code (0 = success); codes are few, so the map stays tiny. */
    private final Map<Integer, Counter> completions = new ConcurrentHashMap<>();

    /** A worker whose workloads get no External IO connectors and whose meters are no-ops. */
    public SingletonWorker(
            WorkerConfig config, WorkerKeys keys, Tee tee, Workloads workloads, TcsStore store, Clock clock) {
        this(
                config,
                keys,
                tee,
                workloads,
                store,
                clock,
                new Connectors(List.of(), List.of()),
                new CompositeMeterRegistry());
    }

    /**
     * @param connectors the External IO connectors and the operator's grants; each work order gets
     *     its own view, whose kv writes commit with its response
     * @param registry where stage timings and completions go (an empty composite: no-ops)
     */
    public SingletonWorker(
            WorkerConfig config,
            WorkerKeys keys,
            Tee tee,
            Workloads workloads,
            TcsStore store,
            Clock clock,
            Connectors connectors,
            MeterRegistry registry) {
        this.connectors = connectors;
        this.registry = registry;
        this.execution = new WorkOrderExecution(registry);
        this.storeTimer = WorkOrderStages.timer(registry, WorkOrderStages.STORE);
        this.config = config;
        this.tee = tee;
        this.keys = keys;
        this.workloads = workloads;
        this.store = store;
        this.clock = clock;
        this.record = buildRecord(keys);
        this.handOffs = new HandOffs(store, () -> this.keys, config.workerId());
    }

    public String workerId() {
        return config.workerId();
    }

    public WorkerRecord record() {
        return record;
    }

    /**
     * Publishes this worker's keys and details in the Worker Directory, keeping the status stored for
     * its id ({@link WorkerRegistration}); a new record starts ACTIVE.
     */
    public void register() {
        WorkerRegistration.publish(store, workerId(), record);
    }

    /**
     * Rotates this worker's encryption key (security review L13): new keys sealed and fsynced in
     * {@code keyFile} (the file its keys were loaded from) before use, then the record with the new
     * {@code encryptionKey} and its signature published under the stored status. Work orders sealed
     * to the previous key are admitted for {@link RetiredKeys#SINGLETON_GRACE} and opened for {@link
     * RetiredKeys#QUEUE_ALLOWANCE} more; then the key is dropped.
     *
     * @return the published record
     */
    public synchronized WorkerRecord rotateEncryptionKey(Path keyFile) {
        WorkerKeys rotated =
                WorkerKeys.rotate(keyFile, tee, clock.millis(), keys.x25519().isPresent());
        // The new key opens work orders before any requester can learn it.
        keys = rotated;
        record = WorkerRegistration.publish(store, workerId(), buildRecord(rotated));
        dropRetiredKeys(keyFile);
        return record;
    }

    /**
     * Drops the retired keys no work order may use any more from {@code keyFile} and from memory, and
     * schedules this again for the next one to expire.
     */
    public synchronized void dropRetiredKeys(Path keyFile) {
        long now = clock.millis();
        if (keys.retired().stream().anyMatch(r -> r.retiredAtMillis() + RETIRED_KEY_LIFETIME_MILLIS < now)) {
            keys = WorkerKeys.dropRetired(
                    keyFile,
                    tee,
                    now - RETIRED_KEY_LIFETIME_MILLIS,
                    keys.x25519().isPresent());
        }
        keys.retired().stream()
                .mapToLong(r -> r.retiredAtMillis() + RETIRED_KEY_LIFETIME_MILLIS - now + 1)
                .min()
                .ifPresent(delay -> CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                        .execute(() -> dropRetiredKeys(keyFile)));
    }

    /** Refuses a work order sealed to a key retired longer ago than the grace period. */
    @Override
    public void checkAdmissible(WorkOrderSubmitParams params) {
        if (keys.retiredNamedBy(params)
                .filter(r -> clock.millis() > r.retiredAtMillis() + RetiredKeys.SINGLETON_GRACE.toMillis())
                .isPresent()) {
            throw RetiredKeys.error(params.workOrderId());
        }
    }

    @Override
    public byte[] process(QueuedWorkOrder workOrder) {
        try (var span = WorkOrderTrace.open(workOrder.workOrderId(), "camelot.worker.process")) {
            return processInSpan(workOrder);
        }
    }

    private byte[] processInSpan(QueuedWorkOrder workOrder) {
        String id = workOrder.workOrderId();
        WorkOrderSubmitParams params = null;
        Workload workload;
        try {
            params = workOrder.params() != null ? workOrder.params() : parseStored(workOrder.rawRequest());
            workload = WorkOrderExecution.workload(workloads, params);
        } catch (EeaException e) {
            return store(id, WorkOrderExecution.failure(id, e), Map.of(), params);
        }
        boolean keepsConnectorState = connectors.keepsState(workload.name());
        if (!workload.stateful() && !keepsConnectorState) {
            return run(id, params, workload);
        }
        ReadWriteLock workloadLock =
                statefulLocks.computeIfAbsent(workload.name(), name -> new ReentrantReadWriteLock());
        // A work order declaring its resources is serialised by the queue's resource locks (which hold
        // across workers) and shares the workload with its like; one that declares nothing runs alone.
        // Connector state (kv keys) belongs to no resource, so a workload keeping it always runs alone.
        boolean declared =
                params.dependencies() != null && params.dependencies().hasResources();
        Lock lock = declared && !keepsConnectorState ? workloadLock.readLock() : workloadLock.writeLock();
        lock.lock();
        try {
            return run(id, params, workload);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void receiptCreated(String workOrderId) {
        byte[] responseBytes = store.response(workOrderId).orElse(null);
        if (responseBytes == null) {
            return;
        }
        WorkOrderResponse response = ProtocolJson.bind(responseBytes, WorkOrderResponse.class);
        WorkerReceiptUpdates.append(
                store,
                workOrderId,
                keys.signing().verifier(),
                () -> receiptUpdate(workOrderId, response, responseBytes));
    }

    private byte[] run(String id, WorkOrderSubmitParams params, Workload workload) {
        // The key the request names: the current one, or a retired one while it still opens work orders.
        WorkerKeys current = keys;
        WorkOrderExecution.Keys opening;
        try {
            opening = new WorkOrderExecution.Keys(
                    current.unwrapKeysFor(params, clock.millis(), RETIRED_KEY_LIFETIME_MILLIS), current.signing());
        } catch (EeaException e) {
            return store(id, WorkOrderExecution.failure(id, e), Map.of(), params);
        }
        // The workload touches state only once the opener verified the requester's signature: declared
        // resources' state lives under the requester key.
        StagedState state = new StagedState(store, workload, params, connectors);
        WorkOrderResponse response = execution.run(params, workload, opening, opened -> prepare(opened, state));
        // A failed work order leaves no state behind.
        return store(id, response, response.failed() ? Map.of() : state.writes(), params);
    }

    /**
     * This worker's part of the execution: its signature policy, and the work order's hand-offs and
     * links.
     */
    private WorkOrderExecution.Setting prepare(OpenedRequest opened, StagedState state) {
        if (config.requireRequesterSignature() && opened.verifiedRequesterKey().isEmpty()) {
            throw new EeaException(WorkOrderStatus.ACCESS_DENIED.code(), REQUIRES_SIGNATURE);
        }
        Dependencies deps = opened.request().dependencies();
        List<PlainItem> inputs = deps == null ? opened.inputs() : handOffs.fill(opened);
        List<WorkOrderResult.PredecessorLink> links =
                deps == null || deps.afterIds().isEmpty() ? null : handOffs.links(deps);
        return new WorkOrderExecution.Setting(state, inputs, links);
    }

    private byte[] store(
            String id, WorkOrderResponse response, Map<String, byte[]> stateWrites, WorkOrderSubmitParams params) {
        byte[] bytes = ProtocolJson.toBytes(response);
        long start = System.nanoTime();
        boolean stored = store.complete(new TcsStore.Completion(
                id,
                bytes,
                clock.millis(),
                stateWrites,
                (rawCreate, updates) -> WorkerReceiptUpdates.due(
                                rawCreate, updates, keys.signing().verifier())
                        ? receiptUpdate(id, response, bytes)
                        : null));
        if (stored) {
            storeTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            int code = response.failed() ? response.error().code() : WorkOrderStatus.SUCCESS.code();
            completions.computeIfAbsent(code, this::completionCounter).increment();
            WorkOrderTrace.LOG.debug("stored outcome code {}", code);
        }
        return stored ? bytes : null;
    }

    private Counter completionCounter(int code) {
        return Counter.builder("camelot.workorders.completed")
                .description("Work orders whose outcome is stored, by code: 0 success, otherwise the error code")
                .tag("code", Integer.toString(code))
                .tag("worker", workerId())
                .register(registry);
    }

    /** This worker's signed PROCESSED or FAILED update of the receipt. */
    private byte[] receiptUpdate(String id, WorkOrderResponse response, byte[] responseBytes) {
        return ProtocolJson.toBytes(
                WorkerReceiptUpdates.signed(keys.signing(), workerId(), id, response, responseBytes));
    }

    private static WorkOrderSubmitParams parseStored(byte[] rawRequest) {
        JsonNode request = ProtocolJson.parse(rawRequest);
        return Params.workOrderSubmit(request.get("params"));
    }

    private WorkerRecord buildRecord(WorkerKeys keys) {
        String encryptionKey = keys.encryption().publicKey().pem();
        String verificationKey = keys.signing().verifier().pem();
        TeeEvidence evidence = tee.attest(ReportDataBinding.of(verificationKey));
        // Avalon clients json.loads a non-empty proofData and read IAS fields from it, so a simulated
        // quote would crash them: simulation is published as Avalon's simulation mode does, with an
        // empty proofData, and labelled by proofDataType. Hardware evidence goes in proofData.
        String proofData = tee.kind() == TeeKind.SIMULATED ? "" : evidence.proofData();
        WorkerTypeData typeData = new WorkerTypeData(
                        verificationKey,
                        null,
                        evidence.proofDataType(),
                        proofData,
                        encryptionKey,
                        null,
                        Signatures.encryptionKeySignature(keys.signing(), encryptionKey),
                        null)
                .withEnvelopeVersions(List.of(EnvelopeVersion.CAMELOT_2.label()))
                .withNameAndWorkloads(config.name(), workloads.names());
        if (keys.x25519().isPresent()) {
            // Signed like encryptionKey, so a requester can trust it as far as it trusts the worker.
            String x25519Key = keys.x25519().get().publicKey().pem();
            typeData = typeData.withX25519EncryptionKey(
                    x25519Key, Signatures.encryptionKeySignature(keys.signing(), x25519Key));
        }
        WorkerDetails details = WorkerDetails.direct(keys.keyEncryptionAlgorithm(), typeData);
        return new WorkerRecord(
                WorkerType.TEE_SGX.code(),
                config.organizationId(),
                config.applicationTypeId(),
                details,
                WorkerStatus.ACTIVE.code());
    }
}
