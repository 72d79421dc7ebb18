package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.attestation.ReportDataBinding;
import io.camelot.attestation.SealedFile;
import io.camelot.attestation.Tee;
import io.camelot.attestation.TeeEvidence;
import io.camelot.attestation.TeeKind;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.worker.RetiredKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only holder of the pool's private keys in a WKM: it unseals them at start (or generates
 * them), seals every change back to disk, rotates the encryption key, and copies the keys to and
 * from attested replica WKMs of the same measurement, pool and policy. Others get the keys for one operation from
 * {@link #current()} and keep no reference to them.
 */
final class PoolKeyVault {
    private static final Logger log = LoggerFactory.getLogger(PoolKeyVault.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SEALED_KIND = "pool-keys";

    private final Tee tee;
    private final Path sealedKeys;
    private final PoolPolicy policy;
    private final RandomIds randomIds;
    private final EvidenceCheck peerEvidence;
    private final Clock clock;

    /** This instance's own identity, distinct from the pool's: it signs nothing for requesters. */
    private final PublicKeySign instanceKey = Secp256k1.generate();

    private volatile PoolKeys keys;
    // This WKM's evidence over the current signing key, made once per signing key.
    private volatile TeeEvidence poolEvidence;
    // The transport keys of this WKM's open key requests, by the random id of the source WKM.
    private final Map<String, KeyWrapPrivateKey> keyRequests = new ConcurrentHashMap<>();
    private final AtomicLong rotations = new AtomicLong();

    /**
     * @param randomIds the ids a replica WKM asking for the keys must bind its evidence to
     * @param peerEvidence admits replica WKMs (this WKM's own measurement)
     * @param generateIfMissing create pool keys when none are sealed; false for a replica that joins
     */
    PoolKeyVault(
            Tee tee,
            Path sealedKeys,
            PoolPolicy policy,
            RandomIds randomIds,
            EvidenceCheck peerEvidence,
            Clock clock,
            boolean generateIfMissing) {
        this.tee = tee;
        this.sealedKeys = sealedKeys;
        this.policy = policy;
        this.randomIds = randomIds;
        this.peerEvidence = peerEvidence;
        this.clock = clock;
        this.keys = load(generateIfMissing);
    }

    boolean hasKeys() {
        return keys != null;
    }

    /** Encryption key rotations this process performed since it started. */
    long rotations() {
        return rotations.get();
    }

    /** The keys now, for one operation. */
    PoolKeys current() {
        PoolKeys current = keys;
        if (current == null) {
            throw new EeaException(PoolApi.NO_KEYS, "this WKM holds no pool keys yet");
        }
        return current;
    }

    /**
     * The key of {@code current} that opens {@code request}: the retired key it names while that
     * still opens work orders, else the current one.
     */
    KeyWrapPrivateKey keyFor(WorkOrderSubmitParams request, PoolKeys current) {
        String named = RetiredKeys.namedKey(request);
        if (named.equals(current.encryption().publicKey().pem())) {
            return current.encryption();
        }
        var retired = current.retiredByPem(named);
        if (retired.isEmpty()) {
            return current.encryption();
        }
        if (clock.millis() > retired.get().retiredAtMillis() + retiredKeyLifetime()) {
            throw RetiredKeys.error(request.workOrderId());
        }
        return retired.get().key();
    }

    /**
     * How long a retired key still opens work orders. The listener stops admitting work orders sealed
     * to it after the grace period; those it admitted before may wait in the queue, so the key stays
     * usable an hour longer.
     */
    private long retiredKeyLifetime() {
        return policy.rotationGrace().plus(RetiredKeys.QUEUE_ALLOWANCE).toMillis();
    }

    /** The new key's public half, as GenerateNewEncryptionKey returns it. */
    public record NewEncryptionKey(
            String nonce, String tag, String encryptionKey, String encryptionKeySignature, String signature) {}

    /** Replaces the encryption key (the current one retires) and seals the result. */
    synchronized NewEncryptionKey rotate(String nonce, String tag) {
        PoolKeys rotated = current().rotate(clock.millis());
        store(rotated);
        rotations.incrementAndGet();
        String n = nonce != null && !nonce.isEmpty() ? nonce : randomHex();
        String t = tag != null && !tag.isEmpty() ? tag : randomHex();
        String pem = rotated.encryption().publicKey().pem();
        String signature = Base64.getEncoder().encodeToString(rotated.signing().signDigest(Sha256.digest(n + t + pem)));
        log.info("Generated a new pool encryption key; the previous one is retired");
        return new NewEncryptionKey(n, t, pem, Signatures.encryptionKeySignature(rotated.signing(), pem), signature);
    }

    /** Private keys encrypted to the requesting WKM, and this WKM's attestation bound to them. */
    public record ExportedKeys(String keys, AttestationInfo attestation) {}

    /**
     * The untrusted half of a joining WKM: attestation info carrying a random id another WKM issued,
     * and this WKM's pool (its signing key, if it holds keys yet) and policy.
     */
    AttestationInfo createKeyRequest(String randomIdOfSource) {
        KeyWrapPrivateKey transport = X25519Hkdf.generate();
        keyRequests.put(randomIdOfSource, transport);
        PoolKeys held = keys;
        return AttestationInfo.create(
                tee,
                randomIdOfSource,
                instanceKey.verifier().pem(),
                transport.publicKey().pem(),
                poolBound(randomIdOfSource.getBytes(StandardCharsets.UTF_8), held));
    }

    /**
     * The keys for an attested replica WKM whose request carries a random id issued here, and this
     * pool's policy and signing key (or none: a replica that holds no keys yet).
     */
    ExportedKeys export(AttestationInfo requester) {
        if (!policy.keyMigration()) {
            throw new EeaException(
                    PoolApi.MIGRATION_FORBIDDEN, "this pool's key migration policy keeps its keys in one WKM");
        }
        PoolKeys current = current();
        if (requester == null || !randomIds.redeem(requester.randomId())) {
            throw new EeaException(PoolApi.REATTEST, "random id unknown or already used");
        }
        byte[] randomId = requester.randomId().getBytes(StandardCharsets.UTF_8);
        peerEvidence.require(
                requester,
                List.of(poolBound(randomId, current), poolBound(randomId, null)),
                "WKM",
                "this random id, this pool's signing key (or none) and this policy");
        KeyWrapPublicKey to = X25519Hkdf.publicKeyFromPem(requester.encryptionKey());
        byte[] secret = AesGcm.newKey();
        byte[] blob = concat(to.wrap(secret), AesGcm.of(secret).seal(current.toJson(), null));
        AttestationInfo own = AttestationInfo.create(
                tee, requester.randomId(), instanceKey.verifier().pem(), "-", poolBound(blob, current));
        log.info("Exported the pool keys to an attested WKM");
        return new ExportedKeys(Hex.upper(blob), own);
    }

    /**
     * Installs the keys another WKM exported for this one's {@link #createKeyRequest}: only from a WKM
     * whose evidence binds these bytes, the pool of the keys in them and this WKM's policy, and never
     * another pool's keys over the ones held here.
     */
    synchronized void importKeys(String keysHex, AttestationInfo producer) {
        KeyWrapPrivateKey transport = producer == null ? null : keyRequests.remove(producer.randomId());
        if (transport == null) {
            throw new EeaException(PoolApi.REATTEST, "no key request was made with this random id");
        }
        byte[] blob;
        try {
            blob = Hex.decode(keysHex);
        } catch (RuntimeException e) {
            throw EeaException.invalidParameter("keys is not hex");
        }
        PoolKeys received;
        try {
            int wrapped = X25519Hkdf.WRAPPED_BYTES;
            byte[] secret = transport.unwrap(Arrays.copyOf(blob, wrapped));
            received = PoolKeys.fromJson(AesGcm.of(secret).open(Arrays.copyOfRange(blob, wrapped, blob.length), null));
        } catch (CryptoException | IllegalArgumentException e) {
            throw EeaException.invalidParameter("the keys do not decrypt: " + e.getMessage());
        }
        peerEvidence.require(
                producer,
                List.of(poolBound(blob, received)),
                "key-exporting WKM",
                "these keys, their pool's signing key and this policy");
        if (keys != null && !signingPem(keys).equals(signingPem(received))) {
            throw new EeaException(
                    PoolApi.NOT_ADMITTED,
                    "the keys are another pool's (a different signing key); this WKM keeps its own");
        }
        store(received);
        log.info("Imported the pool keys from an attested WKM");
    }

    /**
     * What a key copy's evidence binds: {@code subject} (a random id, or the exported bytes), the
     * pool by the digest of its signing key (zeros for a WKM without keys), and the policy's digest.
     */
    private byte[] poolBound(byte[] subject, PoolKeys pool) {
        byte[] poolDigest = pool == null ? new byte[32] : Sha256.digest(signingPem(pool));
        return Sha256.digestConcat(subject, poolDigest, policy.digest());
    }

    private static String signingPem(PoolKeys pool) {
        return pool.signing().verifier().pem();
    }

    /** The pool's public identity for the Worker Directory, with this WKM's evidence over it. */
    ObjectNode workerInfo() {
        PoolKeys current = current();
        String verificationKey = current.signing().verifier().pem();
        String encryptionKey = current.encryption().publicKey().pem();
        TeeEvidence evidence = poolEvidence;
        if (evidence == null) {
            evidence = tee.attest(ReportDataBinding.of(verificationKey));
            poolEvidence = evidence;
        }
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("verificationKey", verificationKey);
        info.put("encryptionKey", encryptionKey);
        info.put("encryptionKeySignature", Signatures.encryptionKeySignature(current.signing(), encryptionKey));
        info.put("proofDataType", evidence.proofDataType());
        info.put("proofData", evidence.proofData());
        info.put("simulated", tee.kind() == TeeKind.SIMULATED);
        var retired = info.putArray("retiredEncryptionKeys");
        for (PoolKeys.Retired r : current.retired()) {
            retired.addObject().put("encryptionKey", r.key().publicKey().pem()).put("retiredAt", r.retiredAtMillis());
        }
        return info;
    }

    private PoolKeys load(boolean generateIfMissing) {
        try {
            if (Files.exists(sealedKeys)) {
                return PoolKeys.fromJson(SealedFile.read(tee, SEALED_KIND, sealedKeys));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sealed pool keys " + sealedKeys, e);
        }
        if (!generateIfMissing) {
            return null;
        }
        PoolKeys generated = PoolKeys.generate();
        store(generated);
        log.info("Generated and sealed new pool keys in {}", sealedKeys);
        return generated;
    }

    private void store(PoolKeys updated) {
        try {
            SealedFile.write(tee, SEALED_KIND, sealedKeys, updated.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal the pool keys to " + sealedKeys, e);
        }
        if (keys == null || !signingPem(keys).equals(signingPem(updated))) {
            poolEvidence = null;
        }
        keys = updated;
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
