package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.Tee;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The trusted half of a Worker Key Manager, as the Key Management API's methods see it: it admits
 * WPs whose attestation passes the pool policy ({@link WpAdmissions}), brokers the keys of single
 * work orders to them and re-signs their results ({@link WorkOrderKeyBroker}), and keeps the pool's
 * private keys ({@link PoolKeyVault}, their only holder). With a simulated TEE all of this runs in
 * the WKM's JVM.
 */
public final class KeyManager {
    private final RandomIds randomIds;
    private final WpAdmissions admissions;
    private final PoolKeyVault vault;
    private final WorkOrderKeyBroker broker;

    /**
     * @param measurement this WKM's own measurement (hex), which replica WKMs must share
     * @param sealedKeys where the pool keys are kept sealed to {@code tee}
     * @param generateIfMissing create pool keys when none are sealed; false for a replica that joins
     */
    public KeyManager(
            Tee tee,
            String measurement,
            PoolPolicy policy,
            Path sealedKeys,
            ProofDataVerifier verifier,
            Clock clock,
            boolean generateIfMissing) {
        randomIds = new RandomIds(clock);
        EvidenceCheck wpEvidence =
                EvidenceCheck.forMeasurements(verifier, clock, tee.kind(), policy.allowedWpMeasurements());
        EvidenceCheck peerEvidence = EvidenceCheck.forMeasurements(verifier, clock, tee.kind(), List.of(measurement));
        String ownPlatform = policy.samePlatformOnly() ? WpAdmissions.platformOf(tee, verifier, clock) : null;
        admissions = new WpAdmissions(policy, randomIds, wpEvidence, ownPlatform, clock);
        vault = new PoolKeyVault(tee, sealedKeys, policy, randomIds, peerEvidence, clock, generateIfMissing);
        broker = new WorkOrderKeyBroker(policy, vault, admissions, clock);
    }

    public boolean hasKeys() {
        return vault.hasKeys();
    }

    /** Encryption key rotations this process performed since it started. */
    public long rotations() {
        return vault.rotations();
    }

    /** WP identities admitted and not yet expired or spent. */
    public int admittedWps() {
        return admissions.size();
    }

    // The Key Management API, one method per RPC method class.

    String randomId() {
        return randomIds.issue();
    }

    /** PreprocessWorkorder from a WP identity's attestation info (its first calls). */
    WorkOrderKeyBroker.Preprocessed preprocess(WorkOrderSubmitParams request, AttestationInfo caller) {
        return broker.preprocess(request, WpAdmissions.Caller.attested(caller));
    }

    /** PreprocessWorkorder from an admitted WP, by the handle an earlier answer gave it. */
    WorkOrderKeyBroker.Preprocessed preprocess(WorkOrderSubmitParams request, String admission) {
        return broker.preprocess(request, WpAdmissions.Caller.admitted(admission));
    }

    WorkOrderResult postprocess(String requestHash, WorkOrderResult response) {
        return broker.postprocess(requestHash, response);
    }

    ReceiptUpdateParams signReceiptUpdate(
            String workOrderId, String updaterId, byte[] responseBytes, WorkOrderSubmitParams request) {
        return broker.signReceiptUpdate(workOrderId, updaterId, responseBytes, request);
    }

    PoolKeyVault.NewEncryptionKey generateNewEncryptionKey(String nonce, String tag) {
        return vault.rotate(nonce, tag);
    }

    AttestationInfo createKeyRequest(String randomIdOfSource) {
        return vault.createKeyRequest(randomIdOfSource);
    }

    PoolKeyVault.ExportedKeys exportKeys(AttestationInfo requester) {
        return vault.export(requester);
    }

    void importKeys(String keysHex, AttestationInfo producer) {
        vault.importKeys(keysHex, producer);
    }

    /** The pool's public Worker Directory entry (public keys and evidence, nothing secret). */
    public ObjectNode workerInfo() {
        return vault.workerInfo();
    }
}
