package io.camelot.protocol.internal.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkerRecord;
import java.util.Optional;

/**
 * Who may write a receipt's updates, and how to tell them from stored bytes: the work order's
 * worker, by the verification key of its registry record (a pool's record carries the pool key),
 * and the receipt's creator, by the {@code receiptVerificationKey} it signed the create with. Keys
 * an update names itself prove nothing, so they are never consulted. The listener refuses updates
 * from anyone else; the workers (singleton and pool) look for their own update under the same keys.
 */
public final class ReceiptWriters {
    private ReceiptWriters() {}

    /** The verification key of a stored worker record, if it has a readable one. */
    public static Optional<PublicKeyVerify> workerKey(byte[] workerRecord) {
        try {
            WorkerRecord record = ProtocolJson.bind(workerRecord, WorkerRecord.class);
            if (record.details() == null || record.details().workerTypeData() == null) {
                return Optional.empty();
            }
            return key(record.details().workerTypeData().verificationKey());
        } catch (EeaException e) {
            return Optional.empty();
        }
    }

    /**
     * The creator's key of a stored receipt: its {@code receiptVerificationKey}, only if the create
     * is signed with it. An unsigned create names a key nobody proved to hold.
     */
    public static Optional<PublicKeyVerify> creatorKey(byte[] rawCreate) {
        try {
            JsonNode params = ProtocolJson.parse(rawCreate).path("params");
            if (!params.isObject()) {
                return Optional.empty();
            }
            ReceiptCreateParams create = ProtocolJson.bind(params, ReceiptCreateParams.class);
            if (create.requesterSignature() == null
                    || create.requesterSignature().isEmpty()) {
                return Optional.empty();
            }
            return key(create.receiptVerificationKey()).filter(key -> Signatures.verifyReceiptCreate(key, create));
        } catch (EeaException e) {
            return Optional.empty();
        }
    }

    /** True iff the update carries a signature that verifies under {@code key}. */
    public static boolean signedBy(PublicKeyVerify key, ReceiptUpdateParams update) {
        return update.updateType() != null
                && update.updateSignature() != null
                && !update.updateSignature().isEmpty()
                && Signatures.verifyReceiptUpdate(
                        key, update.workOrderId(), update.updateType(), update.updateData(), update.updateSignature());
    }

    /** PROCESSED and FAILED report the worker's outcome, so only the worker's key may write them. */
    public static boolean isWorkerOutcome(long updateType) {
        return updateType == ReceiptStatus.PROCESSED.code() || updateType == ReceiptStatus.FAILED.code();
    }

    private static Optional<PublicKeyVerify> key(String pem) {
        if (pem == null || pem.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Secp256k1.verifierFromPem(pem));
        } catch (CryptoException e) {
            return Optional.empty();
        }
    }
}
