package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.WorkerType;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import io.camelot.store.TcsStore;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerRegistration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publishes the pool in the Worker Directory as one worker, whose keys are the WKMs' pool keys and
 * whose evidence is a WKM's, and tells the admission gate which keys are retired. Requesters cannot
 * tell it from a singleton worker; its status stays the operator's ({@link WorkerRegistration}).
 * Simulated evidence is published as Avalon's simulation mode does, with an empty proofData.
 */
public final class PoolDirectory implements Consumer<JsonNode> {
    private final TcsStore store;
    private final WorkerConfig pool;
    private final PoolGate gate;
    private final List<String> workloads;

    /**
     * @param workloads the names of the workloads the pool's WPs run ({@link
     *     io.camelot.pool.wp.WpRuntime#runnable}), advertised with the pool's name
     */
    public PoolDirectory(TcsStore store, WorkerConfig pool, PoolGate gate, Collection<String> workloads) {
        this.store = store;
        this.pool = pool;
        this.gate = gate;
        this.workloads = List.copyOf(workloads);
    }

    @Override
    public void accept(JsonNode info) {
        String encryptionKey = info.path("encryptionKey").asText();
        WorkerTypeData typeData = new WorkerTypeData(
                        info.path("verificationKey").asText(),
                        null,
                        info.path("proofDataType").asText(),
                        info.path("simulated").asBoolean()
                                ? ""
                                : info.path("proofData").asText(),
                        encryptionKey,
                        null,
                        info.path("encryptionKeySignature").asText(),
                        null)
                // Every WP opens and seals through the shared envelope code, which serves both forms.
                .withEnvelopeVersions(List.of(EnvelopeVersion.CAMELOT_2.label()))
                .withNameAndWorkloads(pool.name(), workloads);
        WorkerDetails details = WorkerDetails.direct(WorkerDetails.RSA_OAEP_3072, typeData);
        WorkerRecord record = new WorkerRecord(
                WorkerType.TEE_SGX.code(),
                pool.organizationId(),
                pool.applicationTypeId(),
                details,
                WorkerStatus.ACTIVE.code());
        Map<String, Long> retired = new HashMap<>();
        for (JsonNode key : info.path("retiredEncryptionKeys")) {
            retired.put(
                    key.path("encryptionKey").asText(), key.path("retiredAt").asLong());
        }
        // The gate learns of retirements before requesters see the new key.
        gate.retiredKeys(retired);
        // A status the operator set (COMPROMISED after a leak) outlives key changes and restarts.
        WorkerRegistration.publish(store, pool.workerId(), record);
    }
}
