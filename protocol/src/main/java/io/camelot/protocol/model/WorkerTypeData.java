package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EnvelopeVersion;
import java.util.Collection;
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
 *
 * <p>{@code name} (the worker's configured name, whose SHA-256 is its id) and {@code workloads}
 * (the sorted names of the workloads it runs) are Camelot's own too, so requesters can find which
 * worker runs what; like the other extensions they are omitted when null.
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
    "name",
    "workloads",
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
        List<String> envelopeVersions,
        String name,
        List<String> workloads) {

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
                envelopeVersions,
                name,
                workloads);
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
                versions == null ? null : List.copyOf(versions),
                name,
                workloads);
    }

    /** A copy advertising the worker's name and the workloads it runs (sorted by name). */
    public WorkerTypeData withNameAndWorkloads(String workerName, Collection<String> workloadNames) {
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
                envelopeVersions,
                workerName,
                workloadNames == null ? null : workloadNames.stream().sorted().toList());
    }

    /** Whether the worker advertises {@code version} (Avalon's form is always served). */
    public boolean serves(EnvelopeVersion version) {
        return version == EnvelopeVersion.AVALON_1
                || (envelopeVersions != null && envelopeVersions.contains(version.label()));
    }
}
