package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EnvelopeVersion;
import java.util.List;

/**
 * {@code details.workerTypeData} of a worker record. {@code proofData} is a string holding JSON (or
 * {@code ""} when not attested), never an object: Avalon clients {@code json.loads} it. {@code
 * encryptionKeySignature} is always written, as {@code null} if unknown, because clients read the
 * key unconditionally.
 *
 * <p>{@code x25519EncryptionKey} (SPKI PEM) and {@code x25519EncryptionKeySignature} (as {@code
 * encryptionKeySignature}, over the X25519 PEM) are Camelot's own and appear only on workers that
 * offer {@link io.camelot.protocol.crypto.X25519Hkdf}: Avalon's clients read the keys they know and
 * ignore the rest, while {@code encryptionKey} must stay the RSA key they wrap to.
 */
@JsonPropertyOrder({
  "verificationKey",
  "extendedMeasurements",
  "proofDataType",
  "proofData",
  "encryptionKey",
  "encryptionKeyNonce",
  "encryptionKeySignature",
  "enclaveCertificate",
  "envelopeVersions",
  "x25519EncryptionKey",
  "x25519EncryptionKeySignature"
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
    String enclaveCertificate,
    String x25519EncryptionKey,
    String x25519EncryptionKeySignature,
    List<String> envelopeVersions) {

  /** Avalon's eight keys, without an X25519 key. */
  public WorkerTypeData(
      String verificationKey,
      JsonNode extendedMeasurements,
      String proofDataType,
      String proofData,
      String encryptionKey,
      String encryptionKeyNonce,
      String encryptionKeySignature,
      String enclaveCertificate) {
    this(
        verificationKey,
        extendedMeasurements,
        proofDataType,
        proofData,
        encryptionKey,
        encryptionKeyNonce,
        encryptionKeySignature,
        enclaveCertificate,
        null,
        null,
        null);
  }

  /** A copy publishing an X25519 key and the worker's signature of its PEM. */
  public WorkerTypeData withX25519EncryptionKey(String pem, String signature) {
    return new WorkerTypeData(
        verificationKey,
        extendedMeasurements,
        proofDataType,
        proofData,
        encryptionKey,
        encryptionKeyNonce,
        encryptionKeySignature,
        enclaveCertificate,
        pem,
        signature,
        envelopeVersions);
  }

  /** A copy advertising the hardened envelope forms the worker serves. */
  public WorkerTypeData withEnvelopeVersions(List<String> versions) {
    return new WorkerTypeData(
        verificationKey,
        extendedMeasurements,
        proofDataType,
        proofData,
        encryptionKey,
        encryptionKeyNonce,
        encryptionKeySignature,
        enclaveCertificate,
        x25519EncryptionKey,
        x25519EncryptionKeySignature,
        versions == null ? null : List.copyOf(versions));
  }

  /** Whether the worker advertises {@code version} (Avalon's form is always served). */
  public boolean serves(EnvelopeVersion version) {
    return version == EnvelopeVersion.AVALON_1
        || (envelopeVersions != null && envelopeVersions.contains(version.label()));
  }
}
