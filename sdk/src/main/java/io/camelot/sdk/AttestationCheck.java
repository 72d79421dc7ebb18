package io.camelot.sdk;

import io.camelot.protocol.model.WorkerRecord;

/**
 * Decides whether a worker's attestation evidence ({@code details.workerTypeData.proofData}) is
 * trustworthy. Runs after the record's own keys and signatures have been checked.
 */
@FunctionalInterface
public interface AttestationCheck {

    /**
     * Performs no attestation verification: proofData is ignored. Only for deliberately unattested
     * setups; the default is {@link AttestationPolicy#strict()}.
     */
    AttestationCheck NONE = (workerId, record) -> {};

    /**
     * @throws WorkerVerificationException to refuse the worker, saying why
     */
    void check(String workerId, WorkerRecord record);
}
