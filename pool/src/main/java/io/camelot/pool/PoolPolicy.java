package io.camelot.pool;

import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.Sha256;
import io.camelot.worker.SingletonWorker;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The policies a WKM is instantiated with (seed §3.3.2) and cannot change afterwards. All WKMs of a
 * pool must be given the same policy.
 *
 * @param allowedWpMeasurements WP association: measurements (hex; MEASUREMENT when simulated,
 *     MRENCLAVE on SGX) of the WPs this WKM serves keys to
 * @param samePlatformOnly WP localization: only WPs on this WKM's platform are admitted
 * @param maxConcurrentWps WPs admitted at once (0: no limit)
 * @param maxWorkOrdersPerWp work orders one WP identity may preprocess before it must restart its
 *     TEE and re-attest (0: no limit)
 * @param keyMigration private key migration: whether another WKM may obtain the pool's keys
 * @param extKeySignatures sign results Avalon's two-step way (a per-work-order key vouched for by
 *     the pool key) instead of with the pool key directly
 * @param rotationGrace how long after a rotation work orders sealed to the previous key are taken
 * @param dedicatedRequesterKey the only requester key (secp256k1 SPKI PEM) whose signed work orders
 *     are served, or empty for any requester; kept in its canonical form ({@link #canonicalKey})
 * @param requireRequesterSignature refuse unsigned work orders (implied by a dedicated requester)
 */
public record PoolPolicy(
        List<String> allowedWpMeasurements,
        boolean samePlatformOnly,
        int maxConcurrentWps,
        int maxWorkOrdersPerWp,
        boolean keyMigration,
        boolean extKeySignatures,
        Duration rotationGrace,
        String dedicatedRequesterKey,
        boolean requireRequesterSignature) {

    public static final String UNSIGNED = SingletonWorker.REQUIRES_SIGNATURE;
    public static final String OTHER_REQUESTER_KEY = "this worker is dedicated to another requester key";

    /**
     * @throws CryptoException if {@code dedicatedRequesterKey} is not a secp256k1 public key PEM
     */
    public PoolPolicy {
        allowedWpMeasurements = List.copyOf(allowedWpMeasurements);
        dedicatedRequesterKey = dedicatedRequesterKey == null || dedicatedRequesterKey.isEmpty()
                ? ""
                : canonicalKey(dedicatedRequesterKey);
    }

    /**
     * The form requester keys are compared in: the SPKI PEM re-encoded with the uncompressed point,
     * so one key matches whatever its point compression, line width or line endings.
     *
     * @throws CryptoException if {@code pem} is not a secp256k1 public key
     */
    public static String canonicalKey(String pem) {
        return Secp256k1.verifierFromPem(pem).pem();
    }

    /**
     * SHA-256 of this policy in a canonical text (measurements lower-case and sorted): what key
     * migration binds in REPORT_DATA, so a WKM enforcing another policy (say, admitting other WPs)
     * neither gets nor gives this pool's keys.
     */
    public byte[] digest() {
        List<String> measurements = allowedWpMeasurements.stream()
                .map(m -> m.toLowerCase(Locale.ROOT))
                .sorted()
                .toList();
        return Sha256.digest(String.join(
                "\n",
                String.join(",", measurements),
                String.valueOf(samePlatformOnly),
                String.valueOf(maxConcurrentWps),
                String.valueOf(maxWorkOrdersPerWp),
                String.valueOf(keyMigration),
                String.valueOf(extKeySignatures),
                String.valueOf(rotationGrace.toMillis()),
                dedicatedRequesterKey,
                String.valueOf(requireRequesterSignature)));
    }

    /**
     * Why a work order signed under {@code requesterKey} (empty: unsigned) is not served, or empty if
     * it is. The requester id plays no part: anyone may claim any id.
     */
    public Optional<String> refusal(Optional<String> requesterKey) {
        if (!dedicatedRequesterKey.isEmpty()) {
            boolean signedByDedicatedKey =
                    requesterKey.filter(this::isDedicatedKey).isPresent();
            return signedByDedicatedKey ? Optional.empty() : Optional.of(OTHER_REQUESTER_KEY);
        }
        return requireRequesterSignature && requesterKey.isEmpty() ? Optional.of(UNSIGNED) : Optional.empty();
    }

    private boolean isDedicatedKey(String pem) {
        try {
            return dedicatedRequesterKey.equals(canonicalKey(pem));
        } catch (CryptoException e) {
            return false;
        }
    }
}
