package io.camelot.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.attestation.SealedFile;
import io.camelot.attestation.Tee;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.model.WorkerDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's long-lived keys: a secp256k1 signing key, an RSA-3072 encryption key and, when the
 * worker offers {@link X25519Hkdf}, an X25519 key; generated on first start inside the worker's
 * {@link Tee} and kept on disk only sealed to it, so the worker keeps its identity across restarts.
 *
 * <p>The sealed file is a JSON object of base64 PKCS#8 keys: {@code signing}, {@code encryption}
 * and, once X25519 has been offered, {@code x25519}. Files written before X25519 existed lack the
 * last key; it is added (and the file resealed) the first time the worker offers X25519, and kept
 * when the offer is withdrawn so that re-enabling it republishes the same key.
 */
public record WorkerKeys(PublicKeySign signing, KeyWrapPrivateKey encryption, Optional<KeyWrapPrivateKey> x25519) {
    private static final Logger log = LoggerFactory.getLogger(WorkerKeys.class);
    private static final String SIGNING = "signing";
    private static final String ENCRYPTION = "encryption";
    private static final String X25519 = "x25519";
    private static final String SEALED_KIND = "worker-keys";

    /** Keys of a worker that offers RSA-OAEP only, as Avalon's workers do. */
    public WorkerKeys(PublicKeySign signing, KeyWrapPrivateKey encryption) {
        this(signing, encryption, Optional.empty());
    }

    public static WorkerKeys generate() {
        return generate(false);
    }

    public static WorkerKeys generate(boolean offerX25519) {
        return new WorkerKeys(
                Secp256k1.generate(),
                RsaOaep.generate(),
                offerX25519 ? Optional.of(X25519Hkdf.generate()) : Optional.empty());
    }

    /** Unseals the keys in {@code file}, or generates, seals and writes them if it does not exist. */
    public static WorkerKeys loadOrCreate(Path file, Tee tee) {
        return loadOrCreate(file, tee, false);
    }

    /**
     * As {@link #loadOrCreate(Path, Tee)}, with an X25519 key when {@code offerX25519}: the sealed
     * one, or a new one added to the file.
     */
    public static WorkerKeys loadOrCreate(Path file, Tee tee, boolean offerX25519) {
        try {
            Map<String, String> sealed = new LinkedHashMap<>();
            if (Files.exists(file)) {
                JsonNode keys = ProtocolJson.parse(SealedFile.read(tee, SEALED_KIND, file));
                keys.properties()
                        .forEach(entry ->
                                sealed.put(entry.getKey(), entry.getValue().asText()));
            }
            boolean changed = false;
            if (!sealed.containsKey(SIGNING)) {
                sealed.put(SIGNING, base64(Secp256k1.generate().toPkcs8()));
                sealed.put(ENCRYPTION, base64(RsaOaep.generate().toPkcs8()));
                changed = true;
            }
            if (offerX25519 && !sealed.containsKey(X25519)) {
                sealed.put(X25519, base64(X25519Hkdf.generate().toPkcs8()));
                changed = true;
            }
            if (changed) {
                SealedFile.write(tee, SEALED_KIND, file, ProtocolJson.toBytes(sealed));
                log.info("Generated and sealed new worker keys in {}", file);
            }
            return new WorkerKeys(
                    Secp256k1.fromPkcs8(decode(sealed.get(SIGNING))),
                    RsaOaep.fromPkcs8(decode(sealed.get(ENCRYPTION))),
                    offerX25519 ? Optional.of(X25519Hkdf.fromPkcs8(decode(sealed.get(X25519)))) : Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write worker keys " + file, e);
        }
    }

    /** Every key this worker unwraps with; the ciphertext's size picks one. */
    public KeyWrapKeyRing unwrapKeys() {
        return x25519.map(key -> KeyWrapKeyRing.of(encryption, key)).orElse(KeyWrapKeyRing.of(encryption));
    }

    /**
     * The record's {@code keyEncryptionAlgorithm}: {@code RSA-OAEP-3072}, or {@code
     * RSA-OAEP-3072,X25519-HKDF-SHA256-AES-GCM-256}. RSA comes first because Avalon clients only
     * display the value and older Camelot SDKs check its prefix.
     */
    public String keyEncryptionAlgorithm() {
        return x25519.isPresent()
                ? WorkerDetails.RSA_OAEP_3072 + "," + X25519Hkdf.ALGORITHM
                : WorkerDetails.RSA_OAEP_3072;
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
