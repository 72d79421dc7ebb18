package io.camelot.protocol.hash;

import io.camelot.protocol.internal.hash.Canonical;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;

/**
 * The request and response hashes of both envelope forms, computed over the text exactly as it is
 * (or will be) transmitted: ids as sent, base64 {@code data}, hex {@code dataHash} and {@code iv}.
 * Avalon's form joins fields with no separator (an absent field contributes nothing); Camelot's
 * hardened form encodes each field with its length ({@link Canonical}) and binds the response to
 * its request (docs/envelope.md §2, §6).
 */
public final class WorkOrderHashes {
    private static final Comparator<DataItem> BY_INDEX = Comparator.comparing(DataItem::index);

    private WorkOrderHashes() {}

    /** The request hash of the form the request names. */
    public static byte[] requestHash(WorkOrderSubmitParams p) {
        return switch (p.envelope()) {
            case AVALON_1 -> legacyRequestHash(p);
            case CAMELOT_2 -> hardenedRequestHash(p);
        };
    }

    /**
     * The response hash of the form the result names.
     *
     * @param requestHash the hash of the request this result answers; the hardened form covers it,
     *     Avalon's does not
     */
    public static byte[] responseHash(WorkOrderResult r, byte[] requestHash) {
        return switch (r.envelope()) {
            case AVALON_1 -> legacyResponseHash(r);
            case CAMELOT_2 -> hardenedResponseHash(r, requestHash);
        };
    }

    private static byte[] hardenedRequestHash(WorkOrderSubmitParams p) {
        return new Canonical()
                .text("camelot-2/request")
                .text(p.envelopeVersion())
                .text(p.requesterNonce())
                .text(p.workOrderId())
                .text(p.workerId())
                .text(p.workloadId())
                .text(p.requesterId())
                .number(p.responseTimeoutMSecs())
                .text(p.payloadFormat())
                .text(p.resultUri())
                .text(p.notifyUri())
                .text(p.workerEncryptionKey())
                .text(p.dataEncryptionAlgorithm())
                .text(p.encryptedSessionKey())
                .text(p.verifyingKey())
                .items(p.inData())
                .items(p.outData())
                .text(p.dependencies() == null ? null : p.dependencies().canonicalText())
                .sha256();
    }

    private static byte[] hardenedResponseHash(WorkOrderResult r, byte[] requestHash) {
        return new Canonical()
                .text("camelot-2/response")
                .text(r.envelopeVersion())
                .bytes(requestHash)
                .text(r.workerNonce())
                .text(r.workOrderId())
                .text(r.workerId())
                .text(r.workloadId())
                .text(r.requesterId())
                .items(r.outData())
                .links(r.predecessors())
                .sha256();
    }

    /**
     * {@code SHA256(h1 ‖ h2 [‖ h3] [‖ h4])} where h1 hashes nonce and ids, h2 the inData items, h3
     * the outData items (only when the request has outData) and h4 the canonical text of Camelot's
     * dependencies extension (only when present, so Avalon requests hash exactly as Avalon does).
     */
    private static byte[] legacyRequestHash(WorkOrderSubmitParams p) {
        byte[] ids = idsDigest(p.requesterNonce(), p.workOrderId(), p.workerId(), p.workloadId(), p.requesterId());
        byte[] in = itemsDigest(p.inData());
        boolean hasOut = p.outData() != null && !p.outData().isEmpty();
        if (p.dependencies() != null) {
            byte[] deps = Sha256.digest(p.dependencies().canonicalText());
            return hasOut
                    ? Sha256.digestConcat(ids, in, itemsDigest(p.outData()), deps)
                    : Sha256.digestConcat(ids, in, deps);
        }
        if (!hasOut) {
            return Sha256.digestConcat(ids, in);
        }
        return Sha256.digestConcat(ids, in, itemsDigest(p.outData()));
    }

    /** h1 and r1: SHA-256 of a nonce and the four ids, concatenated without separators as Avalon does. */
    private static byte[] idsDigest(
            String nonce, String workOrderId, String workerId, String workloadId, String requesterId) {
        return Sha256.digest(text(nonce) + text(workOrderId) + text(workerId) + text(workloadId) + text(requesterId));
    }

    /**
     * {@code SHA256(r1 ‖ r2 [‖ r3])}: like the request hash, with the worker nonce and outData; r3
     * hashes Camelot's predecessor links, only when the result carries them.
     */
    private static byte[] legacyResponseHash(WorkOrderResult r) {
        byte[] ids = idsDigest(r.workerNonce(), r.workOrderId(), r.workerId(), r.workloadId(), r.requesterId());
        if (r.predecessors() != null) {
            return Sha256.digestConcat(ids, itemsDigest(r.outData()), Sha256.digest(linksText(r.predecessors())));
        }
        return Sha256.digestConcat(ids, itemsDigest(r.outData()));
    }

    /** {@code id=HASH} per link, in the order the result lists them, joined by {@code ,}. */
    static String linksText(List<WorkOrderResult.PredecessorLink> links) {
        StringBuilder text = new StringBuilder();
        for (WorkOrderResult.PredecessorLink link : links) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(text(link.workOrderId())).append('=').append(text(link.responseHash()));
        }
        return text.toString();
    }

    /** SHA-256 of the items' {@code dataHash+data+encryptedDataEncryptionKey+iv}, in index order. */
    static byte[] itemsDigest(List<DataItem> items) {
        MessageDigest md = Sha256.newDigest();
        if (items != null) {
            for (DataItem item : items.stream().sorted(BY_INDEX).toList()) {
                md.update(text(item.dataHash()).getBytes(StandardCharsets.UTF_8));
                md.update(text(item.data()).getBytes(StandardCharsets.UTF_8));
                md.update(text(item.encryptedDataEncryptionKey()).getBytes(StandardCharsets.UTF_8));
                md.update(text(item.iv()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return md.digest();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
