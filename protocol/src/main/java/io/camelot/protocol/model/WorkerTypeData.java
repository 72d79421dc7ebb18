package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code details.workerTypeData} of a worker record. {@code proofData} is a string holding JSON (or
 * {@code ""} when not attested), never an object: Avalon clients {@code json.loads} it.
 * {@code encryptionKeySignature} is always written, as {@code null} if unknown, because clients read
 * the key unconditionally.
 */
@JsonPropertyOrder({
  "verificationKey",
  "extendedMeasurements",
  "proofDataType",
  "proofData",
  "encryptionKey",
  "encryptionKeyNonce",
  "encryptionKeySignature",
  "enclaveCertificate"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerTypeData(
    String verificationKey,
    JsonNode extendedMeasurements,
    String proofDataType,
    String proofData,
    String encryptionKey,
    String encryptionKeyNonce,
    @JsonInclude(JsonInclude.Include.ALWAYS) String encryptionKeySignature,
    String enclaveCertificate) {}
