package io.camelot.attestation;

/**
 * Evidence as a worker record carries it in {@code details.workerTypeData}.
 *
 * @param proofData a JSON object serialised to a string: Avalon clients {@code json.loads} it
 */
public record TeeEvidence(String proofDataType, String proofData) {}
