package io.camelot.sdk;

import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import java.util.Objects;

/** The checks Avalon's generic client makes on a worker record before trusting its keys. */
final class WorkerVerifier {
  private static final String KEY_ENCRYPTION_PREFIX = "RSA-OAEP";

  private final AttestationCheck attestationCheck;

  WorkerVerifier(AttestationCheck attestationCheck) {
    this.attestationCheck = attestationCheck;
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
    requireAlgorithm(
        workerId, "hashingAlgorithm", details.hashingAlgorithm(), WorkerDetails.SHA_256);
    requireAlgorithm(
        workerId, "signingAlgorithm", details.signingAlgorithm(), WorkerDetails.SECP256K1);
    requireAlgorithm(
        workerId,
        "dataEncryptionAlgorithm",
        details.dataEncryptionAlgorithm(),
        WorkerDetails.AES_GCM_256);
    String keyEncryption = details.keyEncryptionAlgorithm();
    if (keyEncryption == null || !keyEncryption.startsWith(KEY_ENCRYPTION_PREFIX)) {
      throw refuse(
          workerId, "uses keyEncryptionAlgorithm " + keyEncryption + ", expected RSA-OAEP");
    }

    WorkerTypeData typeData = details.workerTypeData();
    PublicKeyVerify verificationKey;
    KeyWrapPublicKey encryptionKey;
    try {
      verificationKey =
          Secp256k1.verifierFromPem(Objects.requireNonNullElse(typeData.verificationKey(), ""));
    } catch (CryptoException e) {
      throw new WorkerVerificationException(
          "Worker " + workerId + " has an unusable verificationKey: " + e.getMessage(), e);
    }
    try {
      encryptionKey =
          RsaOaep.publicKeyFromPem(Objects.requireNonNullElse(typeData.encryptionKey(), ""));
    } catch (CryptoException e) {
      throw new WorkerVerificationException(
          "Worker " + workerId + " has an unusable encryptionKey: " + e.getMessage(), e);
    }
    // Over the PEM text exactly as served: re-encoding the parsed key could change the bytes.
    if (!Signatures.verifyEncryptionKeySignature(
        verificationKey, typeData.encryptionKey(), typeData.encryptionKeySignature())) {
      throw refuse(
          workerId, "has an encryptionKeySignature that does not verify with its verificationKey");
    }
    attest(workerId, record);
    return new VerifiedWorker(workerId, record, verificationKey, encryptionKey);
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

  private static void requireAlgorithm(
      String workerId, String field, String actual, String expected) {
    if (!expected.equals(actual)) {
      throw refuse(workerId, "uses " + field + " " + actual + ", expected " + expected);
    }
  }

  private static WorkerVerificationException refuse(String workerId, String reason) {
    return new WorkerVerificationException("Worker " + workerId + " " + reason);
  }
}
