package io.camelot.pool.wkm;

import static io.camelot.pool.wkm.EeaAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.TeeKind;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.scheduler.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WP admission alone: no pool keys, WP evidence from a simulated TEE. */
class WpAdmissionsTest {
    static final byte[] WP_MEASUREMENT = Hex.decode("22".repeat(32));

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock();
    final RandomIds randomIds = new RandomIds(clock);

    WpAdmissions admissions(int maxWps, int maxWorkOrders, String ownPlatform) {
        PoolPolicy policy = new PoolPolicy(
                List.of(Hex.upper(WP_MEASUREMENT)),
                ownPlatform != null,
                maxWps,
                maxWorkOrders,
                true,
                false,
                Duration.ofSeconds(60),
                "",
                false);
        EvidenceCheck evidence = EvidenceCheck.forMeasurements(
                new ProofDataVerifier(), clock, TeeKind.SIMULATED, policy.allowedWpMeasurements());
        return new WpAdmissions(policy, randomIds, evidence, ownPlatform, clock);
    }

    /** A fresh WP identity's attestation info, bound to a random id issued for it. */
    AttestationInfo attest() {
        String id = randomIds.issue();
        return AttestationInfo.create(
                SimulatedTee.open(dir.resolve("tee"), WP_MEASUREMENT, clock),
                id,
                Secp256k1.generate().verifier().pem(),
                X25519Hkdf.generate().publicKey().pem(),
                id.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWpIsAdmittedOnceOnItsRandomIdAndKnownByItsAttestationOrHandleAfterwards() {
        WpAdmissions admissions = admissions(0, 0, null);
        AttestationInfo wp = attest();

        WpAdmissions.Admitted first = admissions.admit(wp);

        assertThat(admissions.admit(wp)).isSameAs(first);
        assertThat(admissions.admitted(WpAdmissions.Caller.admitted(first.handle)))
                .isSameAs(first);
        assertThat(admissions.size()).isEqualTo(1);
        assertThat(randomIds.redeem(wp.randomId())).as("the id is spent").isFalse();
        assertCode(() -> admissions.admit(null), PoolApi.NOT_ADMITTED);
    }

    @Test
    void anIdleWpExpiresAndFreesItsPlace() {
        WpAdmissions admissions = admissions(1, 0, null);
        admissions.admit(attest());
        AttestationInfo second = attest();
        assertThatThrownBy(() -> admissions.admit(second))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.getMessage()).contains("at most 1 WPs"));

        clock.advance(WpAdmissions.IDLE_WP_EXPIRY.plus(Duration.ofMillis(1)));
        admissions.admit(attest());
        assertThat(admissions.size()).isEqualTo(1);
    }

    @Test
    void aWpThatSpentItsBudgetIsForgottenAndMustReattest() {
        WpAdmissions admissions = admissions(0, 1, null);
        AttestationInfo info = attest();
        WpAdmissions.Admitted wp = admissions.admit(info);

        admissions.spend(wp);

        assertThat(admissions.size()).isZero();
        assertCode(() -> admissions.spend(wp), PoolApi.REATTEST);
        assertCode(() -> admissions.admit(info), PoolApi.REATTEST);
        assertCode(() -> admissions.admitted(WpAdmissions.Caller.admitted(wp.handle)), PoolApi.REATTEST);
    }

    @Test
    void aWpOnAnotherPlatformIsRefused() {
        WpAdmissions admissions = admissions(0, 0, "another platform");
        assertThatThrownBy(() -> admissions.admit(attest())).isInstanceOfSatisfying(EeaException.class, e -> {
            assertThat(e.code()).isEqualTo(PoolApi.NOT_ADMITTED);
            assertThat(e.getMessage()).contains("does not run on this WKM's platform");
        });
    }
}
