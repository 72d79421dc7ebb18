package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The pool's private keys, which only WKMs hold: the signing key, the current RSA encryption key,
 * and encryption keys retired by rotation, kept while work orders sealed to them may still arrive.
 * Immutable; serialised (PKCS#8, base64) only to be sealed or exported encrypted to another WKM.
 */
public record PoolKeys(PublicKeySign signing, KeyWrapPrivateKey encryption, List<Retired> retired) {

    /** An encryption key replaced at {@code retiredAtMillis}. */
    public record Retired(KeyWrapPrivateKey key, long retiredAtMillis) {}

    public static PoolKeys generate() {
        return new PoolKeys(Secp256k1.generate(), RsaOaep.generate(), List.of());
    }

    /**
     * These keys with a fresh encryption key; the current one retires now. The last {@value
     * #RETIRED_KEPT} retired keys are kept, past their use, so that requests sealed to them get a
     * clear "retired" error rather than a failed decryption.
     */
    PoolKeys rotate(long nowMillis) {
        List<Retired> older = new ArrayList<>(retired);
        older.add(new Retired(encryption, nowMillis));
        int from = Math.max(0, older.size() - RETIRED_KEPT);
        return new PoolKeys(signing, RsaOaep.generate(), List.copyOf(older.subList(from, older.size())));
    }

    static final int RETIRED_KEPT = 8;

    /** The key whose public PEM is {@code pem}: current or retired. */
    Optional<Retired> retiredByPem(String pem) {
        return retired.stream()
                .filter(r -> r.key().publicKey().pem().equals(pem))
                .findFirst();
    }

    byte[] toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("signing", base64(signing.toPkcs8()));
        node.put("encryption", base64(encryption.toPkcs8()));
        ArrayNode list = node.putArray("retired");
        for (Retired r : retired) {
            list.addObject().put("key", base64(r.key().toPkcs8())).put("retiredAt", r.retiredAtMillis());
        }
        return ProtocolJson.toBytes(node);
    }

    static PoolKeys fromJson(byte[] json) {
        JsonNode node = ProtocolJson.parse(json);
        List<Retired> retired = new ArrayList<>();
        for (JsonNode r : node.path("retired")) {
            retired.add(new Retired(
                    RsaOaep.fromPkcs8(decode(r.path("key").asText())),
                    r.path("retiredAt").asLong()));
        }
        return new PoolKeys(
                Secp256k1.fromPkcs8(decode(node.path("signing").asText())),
                RsaOaep.fromPkcs8(decode(node.path("encryption").asText())),
                List.copyOf(retired));
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
