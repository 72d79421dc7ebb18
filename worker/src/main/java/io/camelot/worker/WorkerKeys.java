package io.camelot.worker;

import io.camelot.attestation.SealedFile;
import io.camelot.attestation.Tee;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
 * when the offer is withdrawn so that re-enabling it republishes the same key. {@link #rotate}
 * replaces the encryption keys (security review L13) and keeps each previous one as {@code
 * retired-rsa-MILLIS-N} or {@code retired-x25519-MILLIS-N} (its retirement time, and N to keep names
 * unique) until {@link #dropRetired} drops it.
 */
public record WorkerKeys(
        PublicKeySign signing,
        KeyWrapPrivateKey encryption,
        Optional<KeyWrapPrivateKey> x25519,
        List<Retired> retired) {
    private static final Logger log = LoggerFactory.getLogger(WorkerKeys.class);
    private static final String SIGNING = "signing";
    private static final String ENCRYPTION = "encryption";
    private static final String X25519 = "x25519";
    private static final String RETIRED_RSA = "retired-rsa-";
    private static final String RETIRED_X25519 = "retired-x25519-";
    private static final String SEALED_KIND = "worker-keys";

    /** An encryption key replaced by {@link #rotate}, and when. */
    public record Retired(KeyWrapPrivateKey key, long retiredAtMillis) {}

    public WorkerKeys {
        retired = List.copyOf(retired);
    }

    /** Keys of a worker that offers RSA-OAEP only, as Avalon's workers do. */
    public WorkerKeys(PublicKeySign signing, KeyWrapPrivateKey encryption) {
        this(signing, encryption, Optional.empty(), List.of());
    }

    public static WorkerKeys generate() {
        return generate(false);
    }

    public static WorkerKeys generate(boolean offerX25519) {
        return new WorkerKeys(
                Secp256k1.generate(),
                RsaOaep.generate(),
                offerX25519 ? Optional.of(X25519Hkdf.generate()) : Optional.empty(),
                List.of());
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
        Map<String, String> sealed = Files.exists(file) ? read(file, tee) : new LinkedHashMap<>();
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
            write(file, tee, sealed);
            log.info("Generated and sealed new worker keys in {}", file);
        }
        return of(sealed, offerX25519);
    }

    /**
     * Replaces the encryption key (and the X25519 key, if the file holds one) with new ones, sealed
     * and fsynced in {@code file} before they are returned; the replaced ones are kept as retired at
     * {@code nowMillis}. The signing key, the worker's identity, stays.
     */
    public static WorkerKeys rotate(Path file, Tee tee, long nowMillis, boolean offerX25519) {
        Map<String, String> sealed = read(file, tee);
        String suffix = nowMillis + "-" + sealed.size();
        sealed.put(
                RETIRED_RSA + suffix,
                sealed.put(ENCRYPTION, base64(RsaOaep.generate().toPkcs8())));
        if (sealed.containsKey(X25519)) {
            sealed.put(
                    RETIRED_X25519 + suffix,
                    sealed.put(X25519, base64(X25519Hkdf.generate().toPkcs8())));
        }
        write(file, tee, sealed);
        log.info("Generated and sealed a new worker encryption key in {}; the previous one is retired", file);
        return of(sealed, offerX25519);
    }

    /** Drops the keys retired before {@code cutoffMillis} from {@code file}; the keys it then holds. */
    public static WorkerKeys dropRetired(Path file, Tee tee, long cutoffMillis, boolean offerX25519) {
        Map<String, String> sealed = read(file, tee);
        if (sealed.keySet()
                .removeIf(
                        name -> retiredAt(name).filter(at -> at < cutoffMillis).isPresent())) {
            write(file, tee, sealed);
            log.info("Dropped retired worker encryption keys from {}", file);
        }
        return of(sealed, offerX25519);
    }

    /**
     * The keys that open {@code request}: the retired key it names, while that is younger than
     * {@code lifetime}, else the current ones.
     *
     * @throws io.camelot.protocol.EeaException ({@link RetiredKeys#error}) if it names a key retired
     *     longer ago
     */
    public KeyWrapKeyRing unwrapKeysFor(WorkOrderSubmitParams request, long nowMillis, long lifetimeMillis) {
        if (retiredNamedBy(request)
                .filter(r -> nowMillis > r.retiredAtMillis() + lifetimeMillis)
                .isPresent()) {
            throw RetiredKeys.error(request.workOrderId());
        }
        return unwrapKeysFor(request);
    }

    /** The keys that open {@code request}: the retired key it names while this still holds it, else the current ones. */
    public KeyWrapKeyRing unwrapKeysFor(WorkOrderSubmitParams request) {
        return retiredNamedBy(request).map(r -> KeyWrapKeyRing.of(r.key())).orElseGet(this::unwrapKeys);
    }

    /** The retired key {@code request} says it is sealed to, if any. */
    public Optional<Retired> retiredNamedBy(WorkOrderSubmitParams request) {
        String named = RetiredKeys.namedKey(request);
        return retired.stream()
                .filter(r -> r.key().publicKey().pem().equals(named))
                .findFirst();
    }

    private static WorkerKeys of(Map<String, String> sealed, boolean offerX25519) {
        List<Retired> retired = new ArrayList<>();
        sealed.forEach((name, key) -> retiredAt(name)
                .ifPresent(at -> retired.add(new Retired(
                        name.startsWith(RETIRED_RSA)
                                ? RsaOaep.fromPkcs8(decode(key))
                                : X25519Hkdf.fromPkcs8(decode(key)),
                        at))));
        return new WorkerKeys(
                Secp256k1.fromPkcs8(decode(sealed.get(SIGNING))),
                RsaOaep.fromPkcs8(decode(sealed.get(ENCRYPTION))),
                offerX25519 ? Optional.of(X25519Hkdf.fromPkcs8(decode(sealed.get(X25519)))) : Optional.empty(),
                retired);
    }

    private static Optional<Long> retiredAt(String name) {
        String prefix =
                name.startsWith(RETIRED_RSA) ? RETIRED_RSA : name.startsWith(RETIRED_X25519) ? RETIRED_X25519 : null;
        return prefix == null
                ? Optional.empty()
                : Optional.of(Long.parseLong(name.substring(prefix.length(), name.lastIndexOf('-'))));
    }

    private static Map<String, String> read(Path file, Tee tee) {
        try {
            Map<String, String> sealed = new LinkedHashMap<>();
            ProtocolJson.parse(SealedFile.read(tee, SEALED_KIND, file))
                    .properties()
                    .forEach(
                            entry -> sealed.put(entry.getKey(), entry.getValue().asText()));
            return sealed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read worker keys " + file, e);
        }
    }

    private static void write(Path file, Tee tee, Map<String, String> sealed) {
        try {
            SealedFile.write(tee, SEALED_KIND, file, ProtocolJson.toBytes(sealed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write worker keys " + file, e);
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
