package io.camelot.sdk;

import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The checks Avalon's generic client makes on a worker record before trusting its keys. */
final class WorkerVerifier {
    private static final String KEY_ENCRYPTION_PREFIX = "RSA-OAEP";

    private final AttestationCheck attestationCheck;
    private final boolean rsaOnly;

    /**
     * @param rsaOnly wrap session keys with RSA-OAEP even where a worker offers X25519
     */
    WorkerVerifier(AttestationCheck attestationCheck, boolean rsaOnly) {
        this.attestationCheck = attestationCheck;
        this.rsaOnly = rsaOnly;
    }

    VerifiedWorker verify(String workerId, WorkerRecord record) {
        int status = record.status() == null ? 0 : record.status();
        if (status != WorkerStatus.ACTIVE.code()) {
            throw refuse(workerId, "is not active (status " + record.status() + ")");
        }
        WorkerDetails details = record.details();
        if (details == null || details.workerTypeData() == null) {
            throw refuse(workerId, "has no details.workerTypeData");
        }
        requireAlgorithm(workerId, "hashingAlgorithm", details.hashingAlgorithm(), WorkerDetails.SHA_256);
        requireAlgorithm(workerId, "signingAlgorithm", details.signingAlgorithm(), WorkerDetails.SECP256K1);
        requireAlgorithm(
                workerId, "dataEncryptionAlgorithm", details.dataEncryptionAlgorithm(), WorkerDetails.AES_GCM_256);
        // A comma-separated list on Camelot workers that offer more than Avalon's RSA-OAEP.
        String keyEncryption = details.keyEncryptionAlgorithm();
        List<String> offered = keyEncryption == null
                ? List.of()
                : Arrays.stream(keyEncryption.split(",")).map(String::trim).toList();
        if (offered.stream().noneMatch(name -> name.startsWith(KEY_ENCRYPTION_PREFIX))) {
            throw refuse(workerId, "uses keyEncryptionAlgorithm " + keyEncryption + ", expected RSA-OAEP");
        }

        WorkerTypeData typeData = details.workerTypeData();
        PublicKeyVerify verificationKey;
        KeyWrapPublicKey encryptionKey;
        try {
            verificationKey = Secp256k1.verifierFromPem(Objects.requireNonNullElse(typeData.verificationKey(), ""));
        } catch (CryptoException e) {
            throw new WorkerVerificationException(
                    "Worker " + workerId + " has an unusable verificationKey: " + e.getMessage(), e);
        }
        try {
            encryptionKey = RsaOaep.publicKeyFromPem(Objects.requireNonNullElse(typeData.encryptionKey(), ""));
        } catch (CryptoException e) {
            throw new WorkerVerificationException(
                    "Worker " + workerId + " has an unusable encryptionKey: " + e.getMessage(), e);
        }
        // Over the PEM text exactly as served: re-encoding the parsed key could change the bytes.
        if (!Signatures.verifyEncryptionKeySignature(
                verificationKey, typeData.encryptionKey(), typeData.encryptionKeySignature())) {
            throw refuse(workerId, "has an encryptionKeySignature that does not verify with its verificationKey");
        }
        attest(workerId, record);
        KeyWrapPublicKey sessionKeyWrap = !rsaOnly && offered.contains(X25519Hkdf.ALGORITHM)
                ? x25519Key(verificationKey, typeData).orElse(encryptionKey)
                : encryptionKey;
        return new VerifiedWorker(workerId, record, verificationKey, encryptionKey, sessionKeyWrap);
    }

    /**
     * The advertised X25519 key if it parses and its signature verifies. Otherwise empty: the RSA key
     * was verified on its own, so falling back to it loses speed, not safety.
     */
    private static Optional<KeyWrapPublicKey> x25519Key(PublicKeyVerify verificationKey, WorkerTypeData typeData) {
        String pem = typeData.x25519EncryptionKey();
        if (pem == null
                || !Signatures.verifyEncryptionKeySignature(
                        verificationKey, pem, typeData.x25519EncryptionKeySignature())) {
            return Optional.empty();
        }
        try {
            return Optional.of(X25519Hkdf.publicKeyFromPem(pem));
        } catch (CryptoException e) {
            return Optional.empty();
        }
    }

    private void attest(String workerId, WorkerRecord record) {
        try {
            attestationCheck.check(workerId, record);
        } catch (WorkerVerificationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WorkerVerificationException(
                    "Worker " + workerId + " failed the attestation check: " + e.getMessage(), e);
        }
    }

    private static void requireAlgorithm(String workerId, String field, String actual, String expected) {
        if (!expected.equals(actual)) {
            throw refuse(workerId, "uses " + field + " " + actual + ", expected " + expected);
        }
    }

    private static WorkerVerificationException refuse(String workerId, String reason) {
        return new WorkerVerificationException("Worker " + workerId + " " + reason);
    }
}
