package io.camelot.protocol.internal.envelope;

import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.crypto.LegacyFixedIvGcm;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The worker's second half of the envelope: encrypt the outputs, hash the response and sign it, in
 * the request's form (docs/envelope.md). Outputs go under the session key unless the request named
 * a data key or plaintext for that index: in Avalon's form under the request's IV (as Avalon
 * clients expect), in the hardened form each under a fresh IV and its associated data, with no
 * public hash of the plaintext. What is hashed is exactly what is emitted.
 */
public final class ResponseSealer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResponseSealer() {}

    public static WorkOrderResult seal(OpenedRequest opened, List<PlainItem> outputs, PublicKeySign workerKey) {
        return sealChained(opened, outputs, workerKey, null);
    }

    /**
     * Seals a result that names its predecessors' response hashes (Camelot's chain), signed with the
     * rest of the result.
     *
     * @param predecessors null for a work order without declared predecessors
     */
    public static WorkOrderResult sealChained(
            OpenedRequest opened,
            List<PlainItem> outputs,
            PublicKeySign workerKey,
            List<WorkOrderResult.PredecessorLink> predecessors) {
        byte[] nonceSeed = new byte[16];
        RANDOM.nextBytes(nonceSeed);
        return sealChained(
                opened, outputs, workerKey, Base64.getEncoder().encodeToString(Sha256.digest(nonceSeed)), predecessors);
    }

    /** Seals with a given worker nonce; for test vectors and for nothing else. */
    static WorkOrderResult seal(
            OpenedRequest opened, List<PlainItem> outputs, PublicKeySign workerKey, String workerNonce) {
        return sealChained(opened, outputs, workerKey, workerNonce, null);
    }

    private static WorkOrderResult sealChained(
            OpenedRequest opened,
            List<PlainItem> outputs,
            PublicKeySign workerKey,
            String workerNonce,
            List<WorkOrderResult.PredecessorLink> predecessors) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a response needs at least one output item");
        }
        WorkOrderSubmitParams request = opened.request();
        EnvelopeVersion version = request.envelope();
        List<DataItem> outData = new ArrayList<>(outputs.size());
        for (PlainItem output : outputs.stream()
                .sorted(Comparator.comparingInt(PlainItem::index))
                .toList()) {
            outData.add(
                    version == EnvelopeVersion.AVALON_1
                            ? legacyOutputItem(opened, output)
                            : hardenedOutputItem(opened, output));
        }
        WorkOrderResult unsigned = new WorkOrderResult(
                request.workOrderId(),
                request.workloadId(),
                request.workerId(),
                request.requesterId(),
                workerNonce,
                null,
                List.copyOf(outData),
                null,
                null,
                predecessors == null ? null : List.copyOf(predecessors),
                version.wireValue());
        byte[] signature = workerKey.signDigest(WorkOrderHashes.responseHash(unsigned, opened.requestHash()));
        return unsigned.withSignature(Base64.getEncoder().encodeToString(signature));
    }

    private static DataItem legacyOutputItem(OpenedRequest opened, PlainItem output) {
        String dataHash = Hex.upper(Sha256.digest(output.data()));
        byte[] dataKey = opened.outputDataKeys().get(output.index());
        if (dataKey != null) {
            Aead.Detached sealed = AesGcm.of(dataKey).sealDetached(output.data(), null);
            return new DataItem(
                    output.index(),
                    dataHash,
                    base64(sealed.ciphertextAndTag()),
                    requestedKey(opened, output.index()),
                    Hex.upper(sealed.iv()));
        }
        if (DataItem.PLAINTEXT_KEY.equals(requestedKey(opened, output.index()))) {
            return new DataItem(output.index(), dataHash, base64(output.data()), DataItem.PLAINTEXT_KEY, "");
        }
        // Avalon never encrypts an empty output: it emits "" and clients decode that as empty.
        String data = output.data().length == 0
                ? ""
                : base64(LegacyFixedIvGcm.of(opened.sessionKey())
                        .encryptWithCallerIv(opened.sessionIv(), output.data()));
        return new DataItem(output.index(), dataHash, data, "", "");
    }

    private static DataItem hardenedOutputItem(OpenedRequest opened, PlainItem output) {
        byte[] aad =
                EnvelopeAad.of(EnvelopeAad.OUT, output.index(), opened.request().workOrderId());
        String requestedKey = requestedKey(opened, output.index());
        if (DataItem.PLAINTEXT_KEY.equals(requestedKey)) {
            // Public anyway, so its hash reveals nothing.
            return new DataItem(
                    output.index(),
                    Hex.upper(Sha256.digest(output.data())),
                    base64(output.data()),
                    DataItem.PLAINTEXT_KEY,
                    "");
        }
        byte[] dataKey = opened.outputDataKeys().get(output.index());
        Aead key = AesGcm.of(dataKey != null ? dataKey : opened.sessionKey());
        Aead.Detached sealed = key.sealDetached(output.data(), aad);
        return new DataItem(
                output.index(),
                null,
                base64(sealed.ciphertextAndTag()),
                dataKey != null ? requestedKey : "",
                Hex.upper(sealed.iv()));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The encryptedDataEncryptionKey the request gave for an output index, or null. */
    private static String requestedKey(OpenedRequest opened, int index) {
        List<DataItem> outData = opened.request().outData();
        if (outData == null) {
            return null;
        }
        return outData.stream()
                .filter(item -> item.index() == index)
                .map(DataItem::encryptedDataEncryptionKey)
                .findFirst()
                .orElse(null);
    }
}
