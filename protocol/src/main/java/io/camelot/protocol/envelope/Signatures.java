package io.camelot.protocol.envelope;

import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.internal.hash.SignedDigests;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.Base64;

/**
 * The EEA signatures besides the work order's own, each in its wire encoding: upper hex for
 * encryptionKeySignature, base64 for the rest. Verification never throws for malformed input: it
 * returns false.
 */
public final class Signatures {
    private Signatures() {}

    /** The worker's signature over its encryption key PEM (upper hex DER). */
    public static String encryptionKeySignature(PublicKeySign workerKey, String encryptionKeyPem) {
        return Hex.upper(workerKey.signDigest(SignedDigests.encryptionKey(encryptionKeyPem)));
    }

    public static boolean verifyEncryptionKeySignature(
            PublicKeyVerify workerKey, String encryptionKeyPem, String hexSignature) {
        if (hexSignature == null || !Hex.isHex(hexSignature)) {
            return false;
        }
        return workerKey.verifyDigest(SignedDigests.encryptionKey(encryptionKeyPem), Hex.decode(hexSignature));
    }

    /** A pool key vouching for a per-work-order key, bound to the request (docs/envelope.md §6). */
    public static String extVerificationKeySignature(
            PublicKeySign poolKey, String extVerificationKeyPem, WorkOrderSubmitParams request) {
        return base64(poolKey.signDigest(
                SignedDigests.extVerificationKey(request.envelope(), extVerificationKeyPem, request)));
    }

    /** The requester's signature of a receipt it creates. */
    public static String receiptCreateSignature(PublicKeySign requesterKey, ReceiptCreateParams p) {
        return base64(requesterKey.signDigest(SignedDigests.receiptCreate(p)));
    }

    public static boolean verifyReceiptCreate(PublicKeyVerify requesterKey, ReceiptCreateParams p) {
        return verifyBase64(requesterKey, SignedDigests.receiptCreate(p), p.requesterSignature());
    }

    /** An updater's signature of a receipt update. */
    public static String receiptUpdateSignature(
            PublicKeySign updaterKey, String workOrderId, long updateType, String updateData) {
        return base64(updaterKey.signDigest(SignedDigests.receiptUpdate(workOrderId, updateType, updateData)));
    }

    public static boolean verifyReceiptUpdate(
            PublicKeyVerify updaterKey,
            String workOrderId,
            long updateType,
            String updateData,
            String base64Signature) {
        return verifyBase64(
                updaterKey, SignedDigests.receiptUpdate(workOrderId, updateType, updateData), base64Signature);
    }

    private static boolean verifyBase64(PublicKeyVerify key, byte[] digest, String base64Signature) {
        if (base64Signature == null || base64Signature.isEmpty()) {
            return false;
        }
        try {
            return key.verifyDigest(digest, Base64.getDecoder().decode(base64Signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
