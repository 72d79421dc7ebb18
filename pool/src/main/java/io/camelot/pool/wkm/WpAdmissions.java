package io.camelot.pool.wkm;

import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.ReportDataBinding;
import io.camelot.attestation.Tee;
import io.camelot.attestation.TeeEvidence;
import io.camelot.attestation.TeeKind;
import io.camelot.attestation.Verdict;
import io.camelot.attestation.VerificationContext;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WP identities this WKM admitted: a WP is admitted once, on evidence bound to a random id this
 * WKM issued, and then known by its admission handle (the digest of that attestation info) until it
 * idles out or spends its work order budget (pool policy).
 */
final class WpAdmissions {
    private static final Logger log = LoggerFactory.getLogger(WpAdmissions.class);
    static final Duration IDLE_WP_EXPIRY = Duration.ofMinutes(5);

    private final PoolPolicy policy;
    private final RandomIds randomIds;
    private final EvidenceCheck wpEvidence;
    private final String ownPlatform;
    private final Clock clock;
    private final Map<String, Admitted> admitted = new ConcurrentHashMap<>();

    /**
     * @param ownPlatform the platform a WP must run on (WP localization), or null for any
     */
    WpAdmissions(PoolPolicy policy, RandomIds randomIds, EvidenceCheck wpEvidence, String ownPlatform, Clock clock) {
        this.policy = policy;
        this.randomIds = randomIds;
        this.wpEvidence = wpEvidence;
        this.ownPlatform = ownPlatform;
        this.clock = clock;
    }

    /** The platform identity WP localization compares: the simulation key's hash when simulated. */
    static String platformOf(Tee tee, ProofDataVerifier verifier, Clock clock) {
        if (tee.kind() != TeeKind.SIMULATED) {
            throw new IllegalArgumentException(
                    "WP localization is implemented for the simulated TEE only (it compares the simulation platform key)");
        }
        TeeEvidence own = tee.attest(new byte[ReportDataBinding.LENGTH]);
        Verdict verdict =
                verifier.verify(own.proofDataType(), own.proofData(), VerificationContext.at(clock.instant()));
        return verdict.measurements().get("SIMULATION_KEY_SHA256");
    }

    /** WP identities admitted and not yet expired or spent. */
    int size() {
        return admitted.size();
    }

    /**
     * The admitted WP {@code caller} names: by its admission handle, or by its attestation info
     * (admitted now if its evidence passes).
     */
    Admitted admitted(Caller caller) {
        return caller.admission() != null ? known(caller.admission()) : admit(caller.attestation());
    }

    /** The admitted WP {@code caller} names, admitting it now if its evidence passes. */
    Admitted admit(AttestationInfo caller) {
        if (caller == null || caller.randomId() == null) {
            throw new EeaException(PoolApi.NOT_ADMITTED, "no attestation info");
        }
        String digest = caller.digest();
        Admitted known = admitted.get(digest);
        if (known != null) {
            known.lastUsedMillis = clock.millis();
            return known;
        }
        synchronized (admitted) {
            known = admitted.get(digest);
            if (known != null) {
                return known;
            }
            if (!randomIds.redeem(caller.randomId())) {
                throw new EeaException(
                        PoolApi.REATTEST, "random id unknown or already used: get a new one and re-attest");
            }
            Verdict verdict = wpEvidence.require(caller, caller.randomId().getBytes(StandardCharsets.UTF_8), "WP");
            if (ownPlatform != null
                    && !ownPlatform.equals(verdict.measurements().get("SIMULATION_KEY_SHA256"))) {
                throw new EeaException(PoolApi.NOT_ADMITTED, "WP refused: it does not run on this WKM's platform");
            }
            long now = clock.millis();
            admitted.values().removeIf(wp -> wp.lastUsedMillis < now - IDLE_WP_EXPIRY.toMillis());
            if (policy.maxConcurrentWps() > 0 && admitted.size() >= policy.maxConcurrentWps()) {
                throw new EeaException(
                        PoolApi.NOT_ADMITTED,
                        "WP refused: the pool allows at most " + policy.maxConcurrentWps() + " WPs at once");
            }
            Admitted wp = new Admitted(
                    digest,
                    Secp256k1.verifierFromPem(caller.verificationKey()),
                    X25519Hkdf.publicKeyFromPem(caller.encryptionKey()),
                    now);
            admitted.put(digest, wp);
            log.info("Admitted a WP ({} admitted)", admitted.size());
            return wp;
        }
    }

    /**
     * The WP admitted under {@code handle}. An unknown handle (idled out, spent, or admitted before
     * this WKM restarted) means re-attest, as a spent random id does.
     */
    private Admitted known(String handle) {
        Admitted known = admitted.get(handle);
        if (known == null) {
            throw new EeaException(
                    PoolApi.REATTEST, "admission unknown to this WKM (idle, spent or before a restart): re-attest");
        }
        known.lastUsedMillis = clock.millis();
        return known;
    }

    /** Counts a work order against the WP identity; a spent identity must restart and re-attest. */
    void spend(Admitted wp) {
        int used = wp.workOrders.incrementAndGet();
        if (policy.maxWorkOrdersPerWp() > 0 && used >= policy.maxWorkOrdersPerWp()) {
            admitted.remove(wp.handle);
        }
        if (policy.maxWorkOrdersPerWp() > 0 && used > policy.maxWorkOrdersPerWp()) {
            throw new EeaException(
                    PoolApi.REATTEST, "this WP identity has used its work order budget: restart and re-attest");
        }
    }

    /**
     * How a PreprocessWorkorder names its WP: by its attestation info on the identity's first calls,
     * then by the handle of its admission.
     */
    record Caller(AttestationInfo attestation, String admission) {
        static Caller attested(AttestationInfo info) {
            return new Caller(info, null);
        }

        static Caller admitted(String handle) {
            return new Caller(null, handle);
        }
    }

    /** An admitted WP: its handle, the keys it attested to, and its use. */
    static final class Admitted {
        /** What the WP names this admission by: the digest of its attestation info. */
        final String handle;

        final PublicKeyVerify verificationKey;
        final KeyWrapPublicKey transportKey;
        final AtomicInteger workOrders = new AtomicInteger();
        volatile long lastUsedMillis;

        Admitted(String handle, PublicKeyVerify verificationKey, KeyWrapPublicKey transportKey, long now) {
            this.handle = handle;
            this.verificationKey = verificationKey;
            this.transportKey = transportKey;
            this.lastUsedMillis = now;
        }
    }
}
