package io.camelot.protocol.envelope;

import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.crypto.LegacyFixedIvGcm;
import io.camelot.protocol.internal.envelope.EnvelopeAad;
import io.camelot.protocol.internal.hash.SignedDigests;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The requester's second half of the envelope, in the request's form (docs/envelope.md §7): check
 * that the result answers this request in the same form, verify the worker's signature (one step
 * against the registry key, or two steps through a pool's per-work-order key), then decrypt the
 * outputs.
 */
public final class ResponseOpener {
    private ResponseOpener() {}

    /**
     * Verifies and decrypts a result. Output items encrypted under another party's data key are not
     * decrypted here; their owner opens them with {@link DataKeyItem#openOutput}.
     *
     * @throws CryptoException naming what failed: a mismatched id, the signature, or decryption
     */
    public static List<PlainItem> open(
            WorkOrderResult result, RequestSecrets secrets, PublicKeyVerify workerVerificationKey) {
        WorkOrderSubmitParams request = secrets.request();
        EnvelopeVersion version = request.envelope();
        if (!Objects.equals(request.envelopeVersion(), result.envelopeVersion())) {
            // A legacy-form answer to a hardened request would undo every protection: no downgrade.
            throw new CryptoException("result envelopeVersion '"
                    + result.envelopeVersion()
                    + "' does not match the request's '"
                    + request.envelopeVersion()
                    + "'");
        }
        requireEcho("workOrderId", request.workOrderId(), result.workOrderId());
        requireEcho("workerId", request.workerId(), result.workerId());
        requireEcho("workloadId", request.workloadId(), result.workloadId());
        requireEcho("requesterId", request.requesterId(), result.requesterId());
        if (result.outData() == null || result.outData().isEmpty()) {
            throw new CryptoException("the result has no outData items");
        }
        verifySignature(result, request, workerVerificationKey);

        List<PlainItem> outputs = new ArrayList<>();
        for (DataItem item : result.outData()) {
            switch (item.keyMode()) {
                case PLAINTEXT -> outputs.add(new PlainItem(item.index(), decodeBase64(item)));
                case SESSION_KEY -> {
                    byte[] data = decodeBase64(item);
                    byte[] plaintext = version == EnvelopeVersion.AVALON_1
                            ? legacyOutput(secrets, data)
                            : hardenedOutput(AesGcm.of(secrets.sessionKey()), request.workOrderId(), item, data);
                    outputs.add(new PlainItem(item.index(), plaintext));
                }
                case DATA_KEY -> {
                    // Encrypted for the owner of that item's data key.
                }
            }
        }
        return outputs;
    }

    private static byte[] legacyOutput(RequestSecrets secrets, byte[] data) {
        return data.length == 0
                ? data
                : LegacyFixedIvGcm.of(secrets.sessionKey()).decrypt(secrets.sessionIv(), data);
    }

    /** Every hardened output is encrypted, an empty one included, so each is checked. */
    static byte[] hardenedOutput(Aead key, String workOrderId, DataItem item, byte[] data) {
        if (item.iv() == null || item.iv().length() != 2 * Aead.IV_BYTES || !Hex.isHex(item.iv())) {
            throw new CryptoException("outData item " + item.index() + " carries no 12-byte iv");
        }
        if (item.dataHash() != null && !item.dataHash().isEmpty()) {
            throw new CryptoException("outData item " + item.index() + " publishes a dataHash of its plaintext");
        }
        return key.openDetached(
                Hex.decode(item.iv()), data, EnvelopeAad.of(EnvelopeAad.OUT, item.index(), workOrderId));
    }

    /**
     * Verifies a result's signature: with {@code extVerificationKey} present, first that the worker
     * key vouches for the ext key bound to this request, then the result under the ext key.
     *
     * @param request the request the result answers: the hardened form's response hash covers its
     *     hash
     * @throws CryptoException if any step fails
     */
    public static void verifySignature(
            WorkOrderResult result, WorkOrderSubmitParams request, PublicKeyVerify workerVerificationKey) {
        PublicKeyVerify signer = workerVerificationKey;
        EnvelopeVersion version = result.envelope();
        if (result.extVerificationKey() != null) {
            byte[] vouch = decodeSignature("extVerificationKeySignature", result.extVerificationKeySignature());
            if (!workerVerificationKey.verifyDigest(
                    SignedDigests.extVerificationKey(version, result.extVerificationKey(), request), vouch)) {
                throw new CryptoException("extVerificationKeySignature does not verify with the worker key");
            }
            signer = Secp256k1.verifierFromPem(result.extVerificationKey());
        }
        byte[] signature = decodeSignature("workerSignature", result.workerSignature());
        byte[] requestHash = version == EnvelopeVersion.AVALON_1 ? null : WorkOrderHashes.requestHash(request);
        if (!signer.verifyDigest(WorkOrderHashes.responseHash(result, requestHash), signature)) {
            throw new CryptoException("workerSignature does not verify: the result is not the worker's");
        }
    }

    private static byte[] decodeSignature(String field, String base64) {
        if (base64 == null || base64.isEmpty()) {
            throw new CryptoException(field + " is missing");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CryptoException(field + " is not base64");
        }
    }

    private static byte[] decodeBase64(DataItem item) {
        try {
            return item.data() == null ? new byte[0] : Base64.getDecoder().decode(item.data());
        } catch (IllegalArgumentException e) {
            throw new CryptoException("outData item " + item.index() + " is not base64");
        }
    }

    private static void requireEcho(String field, String sent, String received) {
        if (!Objects.equals(sent, received)) {
            throw new CryptoException(
                    "result " + field + " '" + received + "' does not match the request's '" + sent + "'");
        }
    }
}
