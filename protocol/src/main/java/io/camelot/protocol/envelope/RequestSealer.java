package io.camelot.protocol.envelope;

import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.crypto.LegacyFixedIvGcm;
import io.camelot.protocol.internal.envelope.EnvelopeAad;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The requester's half of the envelope: one fresh session key per work order, inputs encrypted
 * under it, the session key wrapped to the worker's key, the request hash encrypted (and optionally
 * signed). The template's form decides the rest (docs/envelope.md): Avalon's reuses one IV for
 * everything and is, with the worker's RSA key, byte for byte what Avalon's SDK produces; Camelot's
 * hardened form gives every ciphertext its own random IV and associated data. {@code
 * workerEncryptionKey} always names the key actually used.
 */
public final class RequestSealer {
    private RequestSealer() {}

    /**
     * @param requesterKey signs the request hash, or null to send no signature
     */
    public static RequestSecrets seal(
            RequestTemplate template, KeyWrapPublicKey workerKey, PublicKeySign requesterKey) {
        byte[] sessionKey = AesGcm.newKey();
        return switch (template.envelope()) {
            case AVALON_1 -> sealLegacy(template, workerKey, requesterKey, sessionKey, LegacyFixedIvGcm.newSessionIv());
            case CAMELOT_2 -> sealHardened(template, workerKey, requesterKey, sessionKey);
        };
    }

    /** Seals Avalon's form with a given session key and IV; for test vectors and for nothing else. */
    static RequestSecrets sealLegacy(
            RequestTemplate template,
            KeyWrapPublicKey workerKey,
            PublicKeySign requesterKey,
            byte[] sessionKey,
            byte[] iv) {
        LegacyFixedIvGcm fixedIv = LegacyFixedIvGcm.of(sessionKey);
        Aead session = AesGcm.of(sessionKey);
        List<DataItem> inData = new ArrayList<>();
        for (int i = 0; i < template.inputs().size(); i++) {
            InputSpec spec = template.inputs().get(i);
            inData.add(
                    switch (spec) {
                        case InputSpec.SessionKey s ->
                            new DataItem(
                                    i,
                                    s.withDataHash() ? Hex.upper(Sha256.digest(s.plaintext())) : null,
                                    base64(fixedIv.encryptWithCallerIv(iv, s.plaintext())),
                                    null,
                                    null);
                        case InputSpec.OwnDataKey own ->
                            new DataItem(
                                    i,
                                    own.item().dataHash(),
                                    own.item().data(),
                                    Hex.upper(session.seal(own.item().wrappedDataKey(), null)),
                                    own.item().iv());
                        default -> unencryptedItem(i, spec);
                    });
        }
        List<DataItem> outData = outputKeys(template, key -> Hex.upper(session.seal(key.wrappedDataKey(), null)));
        WorkOrderSubmitParams unsigned =
                unsignedParams(template, workerKey, sessionKey, Hex.upper(iv), inData, outData, null);
        byte[] requestHash = WorkOrderHashes.requestHash(unsigned);
        WorkOrderSubmitParams sealed =
                unsigned.withEncryptedRequestHash(Hex.upper(fixedIv.encryptWithCallerIv(iv, requestHash)));
        if (requesterKey != null) {
            sealed = sealed.withRequesterSignature(
                    base64(requesterKey.signDigest(requestHash)),
                    requesterKey.verifier().pem());
        }
        return new RequestSecrets(sealed, sessionKey, iv);
    }

    private static RequestSecrets sealHardened(
            RequestTemplate template, KeyWrapPublicKey workerKey, PublicKeySign requesterKey, byte[] sessionKey) {
        Aead session = AesGcm.of(sessionKey);
        String id = template.workOrderId();
        List<DataItem> inData = new ArrayList<>();
        for (int i = 0; i < template.inputs().size(); i++) {
            InputSpec spec = template.inputs().get(i);
            byte[] aad = EnvelopeAad.of(EnvelopeAad.IN, i, id);
            inData.add(
                    switch (spec) {
                        case InputSpec.SessionKey s -> {
                            Aead.Detached sealed = session.sealDetached(s.plaintext(), aad);
                            yield new DataItem(
                                    i, null, base64(sealed.ciphertextAndTag()), null, Hex.upper(sealed.iv()));
                        }
                        case InputSpec.OwnDataKey own ->
                            new DataItem(
                                    i,
                                    null,
                                    own.item().data(),
                                    Hex.upper(session.seal(
                                            own.item().wrappedDataKey(), EnvelopeAad.of(EnvelopeAad.IN_KEY, i, id))),
                                    own.item().iv());
                        default -> unencryptedItem(i, spec);
                    });
        }
        List<DataItem> outData = outputKeys(
                template,
                key -> Hex.upper(
                        session.seal(key.wrappedDataKey(), EnvelopeAad.of(EnvelopeAad.OUT_KEY, key.index(), id))));
        WorkOrderSubmitParams unsigned = unsignedParams(
                template,
                workerKey,
                sessionKey,
                null,
                inData,
                outData,
                requesterKey == null ? null : requesterKey.verifier().pem());
        byte[] requestHash = WorkOrderHashes.requestHash(unsigned);
        Aead.Detached encryptedHash =
                session.sealDetached(requestHash, EnvelopeAad.of(EnvelopeAad.REQUEST_HASH, 0, id));
        WorkOrderSubmitParams sealed = unsigned.withSessionKeyIv(Hex.upper(encryptedHash.iv()))
                .withEncryptedRequestHash(Hex.upper(encryptedHash.ciphertextAndTag()));
        if (requesterKey != null) {
            sealed = sealed.withRequesterSignature(base64(requesterKey.signDigest(requestHash)), sealed.verifyingKey());
        }
        return new RequestSecrets(sealed, sessionKey, encryptedHash.iv());
    }

    /** Items neither form encrypts under the session key: plaintext and hand-off placeholders. */
    private static DataItem unencryptedItem(int index, InputSpec spec) {
        return switch (spec) {
            case InputSpec.Plaintext p ->
                new DataItem(
                        index,
                        // An empty item may not carry a dataHash (Avalon refuses it): there is nothing to
                        // hash.
                        p.withDataHash() && p.plaintext().length > 0 ? Hex.upper(Sha256.digest(p.plaintext())) : null,
                        base64(p.plaintext()),
                        DataItem.PLAINTEXT_KEY,
                        null);
            case InputSpec.HandOffPlaceholder h -> new DataItem(index, null, "", null, null);
            default ->
                throw new IllegalArgumentException(
                        "encrypted input " + spec.getClass().getSimpleName());
        };
    }

    /** {@code encryptedDataEncryptionKey} per output index: the data key under the session key. */
    private static List<DataItem> outputKeys(
            RequestTemplate template, java.util.function.Function<RequestTemplate.OutputKey, String> wrap) {
        if (template.outputKeys().isEmpty()) {
            return null;
        }
        List<DataItem> outData = new ArrayList<>();
        for (RequestTemplate.OutputKey key : template.outputKeys()) {
            outData.add(new DataItem(key.index(), null, null, wrap.apply(key), null));
        }
        return outData;
    }

    private static WorkOrderSubmitParams unsignedParams(
            RequestTemplate template,
            KeyWrapPublicKey workerKey,
            byte[] sessionKey,
            String sessionKeyIv,
            List<DataItem> inData,
            List<DataItem> outData,
            String verifyingKey) {
        return new WorkOrderSubmitParams(
                template.workOrderId(),
                template.responseTimeoutMSecs(),
                WorkerDetails.JSON_RPC,
                null,
                template.notifyUri(),
                template.requesterNonce(),
                template.workloadId(),
                template.workerId(),
                template.requesterId(),
                sessionKeyIv,
                HexFormat.of().formatHex(workerKey.pem().getBytes(StandardCharsets.UTF_8)),
                WorkerDetails.AES_GCM_256,
                Hex.upper(workerKey.wrap(sessionKey)),
                "",
                // Avalon's clients send "" for no signature; the hardened form leaves both fields out.
                template.envelope() == EnvelopeVersion.AVALON_1 ? "" : null,
                verifyingKey,
                inData,
                outData,
                template.dependencies(),
                template.envelope().wireValue());
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
