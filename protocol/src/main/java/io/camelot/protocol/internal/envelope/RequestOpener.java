package io.camelot.protocol.internal.envelope;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.internal.crypto.LegacyFixedIvGcm;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker's first half of the envelope, for both forms (docs/envelope.md): check the hardened
 * form's shape, unwrap the session key, check the request hash and the optional requester
 * signature, then decrypt the inputs. Integrity is checked before any input is decrypted, so a
 * tampered request is refused without touching its data. Failures carry the codes and messages
 * Avalon clients know (reference §5.3).
 */
public final class RequestOpener {
    private static final String TAMPERED_HASH = "Decryption of client request hash failed. Request is tampered.";
    private static final String TAMPERED_SIGNATURE =
            "Signature verification of client request failed. Request is tampered.";

    private RequestOpener() {}

    /**
     * @param request params already validated by {@link io.camelot.protocol.Params}
     */
    public static OpenedRequest open(WorkOrderSubmitParams request, KeyWrapPrivateKey workerKey) {
        return open(request, KeyWrapKeyRing.of(workerKey));
    }

    /**
     * Opens a request whose keys are wrapped to any of the worker's keys, each ciphertext told apart
     * by its size ({@link KeyWrapKeyRing}).
     *
     * @param request params already validated by {@link io.camelot.protocol.Params}
     */
    public static OpenedRequest open(WorkOrderSubmitParams request, KeyWrapKeyRing workerKey) {
        EnvelopeVersion version = request.envelope();
        if (version == EnvelopeVersion.CAMELOT_2) {
            requireHardenedForm(request);
        }
        byte[] sessionKey = unwrapSessionKey(request, workerKey);
        byte[] iv = hex("sessionKeyIv", request.sessionKeyIv());
        Aead session = AesGcm.of(sessionKey);
        LegacyFixedIvGcm fixedIv = LegacyFixedIvGcm.of(sessionKey);
        String id = request.workOrderId();

        byte[] requestHash = WorkOrderHashes.requestHash(request);
        byte[] sentHash;
        try {
            byte[] encryptedHash = hex("encryptedRequestHash", request.encryptedRequestHash());
            sentHash = version == EnvelopeVersion.AVALON_1
                    ? fixedIv.decrypt(iv, encryptedHash)
                    : session.openDetached(iv, encryptedHash, EnvelopeAad.of(EnvelopeAad.REQUEST_HASH, 0, id));
        } catch (CryptoException e) {
            throw invalid(TAMPERED_HASH);
        }
        if (!MessageDigest.isEqual(sentHash, requestHash)) {
            throw invalid(TAMPERED_HASH);
        }
        verifyRequesterSignature(request, requestHash);

        List<PlainItem> inputs = new ArrayList<>();
        List<DataItem> inData = request.inData().stream()
                .sorted(Comparator.comparing(DataItem::index))
                .toList();
        for (DataItem item : inData) {
            boolean hasDataHash = item.dataHash() != null && !item.dataHash().isEmpty();
            if (item.data().isEmpty() && hasDataHash) {
                throw invalid("Invalid case: input data is empty but dataHash is non empty");
            }
            byte[] plaintext = decryptItem(item, version, session, fixedIv, iv, id, workerKey);
            if (hasDataHash) {
                byte[] expected = hex("inData dataHash", item.dataHash());
                if (!MessageDigest.isEqual(expected, Sha256.digest(plaintext))) {
                    throw invalid("input data hash verification failed");
                }
            }
            inputs.add(new PlainItem(item.index(), plaintext));
        }

        Map<Integer, byte[]> outputKeys = new HashMap<>();
        if (request.outData() != null) {
            for (DataItem item : request.outData()) {
                if (item.keyMode() == DataItem.KeyMode.DATA_KEY) {
                    byte[] aad = version == EnvelopeVersion.AVALON_1
                            ? null
                            : EnvelopeAad.of(EnvelopeAad.OUT_KEY, item.index(), id);
                    outputKeys.put(item.index(), unwrapDataKey(item, session, aad, workerKey));
                }
            }
        }
        return new OpenedRequest(request, requestHash, sessionKey, iv, inputs, Map.copyOf(outputKeys));
    }

    /**
     * The hardened form's shape rules (docs/envelope.md §5), checked before any key is touched: no
     * legacy item inside a hardened request, and no signature stripped from its key.
     */
    private static void requireHardenedForm(WorkOrderSubmitParams request) {
        boolean hasKey =
                request.verifyingKey() != null && !request.verifyingKey().isEmpty();
        boolean hasSignature = request.requesterSignature() != null
                && !request.requesterSignature().isEmpty();
        if (hasKey != hasSignature) {
            throw invalid(
                    "camelot-2 request: verifyingKey and requesterSignature must be sent together; a request whose"
                            + " signature was removed is refused");
        }
        for (DataItem item : request.inData()) {
            DataItem.KeyMode mode = item.keyMode();
            if (mode == DataItem.KeyMode.PLAINTEXT) {
                continue;
            }
            if (item.dataHash() != null && !item.dataHash().isEmpty()) {
                throw invalid("camelot-2 request: encrypted inData["
                        + item.index()
                        + "] must not carry a dataHash (mixed forms)");
            }
            if (mode == DataItem.KeyMode.SESSION_KEY && !item.data().isEmpty() && !hasIv(item)) {
                throw invalid("camelot-2 request: inData[" + item.index() + "] needs its own 12-byte iv (mixed forms)");
            }
        }
    }

    private static boolean hasIv(DataItem item) {
        return item.iv() != null && !item.iv().isEmpty();
    }

    private static byte[] unwrapSessionKey(WorkOrderSubmitParams request, KeyWrapKeyRing key) {
        byte[] wrapped = hex("encryptedSessionKey", request.encryptedSessionKey());
        try {
            byte[] sessionKey = key.unwrap(wrapped);
            if (sessionKey.length != 32) {
                throw invalid("Crypto Error (DecryptMessage): session key must be 32 bytes");
            }
            return sessionKey;
        } catch (CryptoException e) {
            throw invalid("Crypto Error (DecryptMessage): " + e.getMessage());
        }
    }

    private static void verifyRequesterSignature(WorkOrderSubmitParams request, byte[] requestHash) {
        String signature = request.requesterSignature();
        if (signature == null || signature.isEmpty()) {
            return;
        }
        PublicKeyVerify verifier;
        try {
            verifier = Secp256k1.verifierFromPem(request.verifyingKey());
        } catch (CryptoException e) {
            throw invalid("Invalid data format for verifyingKey: " + e.getMessage());
        }
        if (!verifier.verifyDigest(requestHash, Base64.getDecoder().decode(signature))) {
            throw invalid(TAMPERED_SIGNATURE);
        }
    }

    /**
     * An inData item's plaintext: in Avalon's form under the fixed IV and without associated data,
     * in the hardened form under its own IV and its place's associated data.
     */
    private static byte[] decryptItem(
            DataItem item,
            EnvelopeVersion version,
            Aead session,
            LegacyFixedIvGcm fixedIv,
            byte[] iv,
            String id,
            KeyWrapKeyRing workerKey) {
        byte[] data = base64Data(item);
        if (data.length == 0) {
            // No ciphertext at all: Avalon emits empty outputs so, and the hardened form sends only a
            // hand-off placeholder empty (its emptiness is covered by the request hash).
            return data;
        }
        boolean legacy = version == EnvelopeVersion.AVALON_1;
        try {
            return switch (item.keyMode()) {
                case PLAINTEXT -> data;
                case SESSION_KEY ->
                    legacy
                            ? fixedIv.decrypt(iv, data)
                            : session.openDetached(
                                    hex("inData iv", item.iv()),
                                    data,
                                    EnvelopeAad.of(EnvelopeAad.IN, item.index(), id));
                case DATA_KEY -> {
                    byte[] aad = legacy ? null : EnvelopeAad.of(EnvelopeAad.IN_KEY, item.index(), id);
                    yield decryptDataKeyItem(item, data, unwrapDataKey(item, session, aad, workerKey));
                }
            };
        } catch (CryptoException e) {
            throw new EeaException(WorkOrderStatus.FAILED.code(), e.getMessage());
        }
    }

    /** An item under its owner's data key and the owner's IV, in either form. */
    private static byte[] decryptDataKeyItem(DataItem item, byte[] data, byte[] dataKey) {
        if (!hasIv(item)) {
            throw invalid("invalid request; failed to retrieve iv of inData[" + item.index() + "]");
        }
        return AesGcm.of(dataKey).openDetached(hex("inData iv", item.iv()), data, null);
    }

    private static byte[] base64Data(DataItem item) {
        try {
            return Base64.getDecoder().decode(item.data());
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid data format for inData[" + item.index() + "].data: not base64");
        }
    }

    /** Reverses both layers: the session-key AES-GCM, then the worker's key wrap. */
    private static byte[] unwrapDataKey(DataItem item, Aead session, byte[] associatedData, KeyWrapKeyRing workerKey) {
        byte[] layered = hex("encryptedDataEncryptionKey", item.encryptedDataEncryptionKey());
        try {
            byte[] dataKey = workerKey.unwrap(session.open(layered, associatedData));
            if (dataKey.length != 32) {
                throw invalid("Invalid data encryption key of item " + item.index() + ": not 32 bytes");
            }
            return dataKey;
        } catch (CryptoException e) {
            throw invalid("Invalid data encryption key of item " + item.index() + ": " + e.getMessage());
        }
    }

    /** Decodes hex of either case; a {@code 0x} prefix, which the schema allows, is skipped. */
    private static byte[] hex(String field, String value) {
        try {
            return Hex.decode(Params.stripHexPrefix(value));
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid data format for " + field + ": not hex");
        }
    }

    private static EeaException invalid(String message) {
        return new EeaException(WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE.code(), message);
    }
}
