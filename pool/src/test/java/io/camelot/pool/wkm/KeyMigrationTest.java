package io.camelot.pool.wkm;

import static io.camelot.pool.wkm.KeyManagerTest.assertRefused;
import static io.camelot.pool.wkm.KeyManagerTest.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.Hex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key migration is bound to the pool's identity (review H3): the evidence of a key request and of
 * an export binds the pool's signing key and policy, so keys move only between WKMs of one pool
 * that enforce one policy, and a WKM never takes another pool's keys over its own.
 */
class KeyMigrationTest {
    @TempDir
    Path dir;

    final Clock clock = Clock.systemUTC();

    KeyManager wkm(String name, PoolPolicy policy, boolean generate) {
        return KeyManagerTest.keyManager(dir, clock, name, policy, generate);
    }

    static String poolKey(KeyManager wkm) {
        return wkm.workerInfo().path("verificationKey").asText();
    }

    @Test
    void aWkmHoldingAnotherPoolsKeysGetsNoneOfThisPool() {
        KeyManager source = wkm("a", policy(0, 0, false, ""), true);
        KeyManager otherPool = wkm("b", policy(0, 0, false, ""), true);
        assertRefused(
                () -> source.exportKeys(otherPool.createKeyRequest(source.randomId())),
                PoolApi.NOT_ADMITTED,
                "WKM refused: REPORT_DATA does not carry this random id, this pool's signing key (or none) and"
                        + " this policy");
    }

    @Test
    void aWkmEnforcingAnotherPolicyGetsNoKeys() {
        KeyManager source = wkm("a", policy(0, 0, false, ""), true);
        // Same measurement, no keys yet, but it would serve keys to WPs of the attacker's choosing.
        PoolPolicy otherWps =
                new PoolPolicy(List.of("66".repeat(32)), true, 0, 0, true, false, Duration.ofSeconds(60), "", false);
        KeyManager attacker = wkm("b", otherWps, false);
        assertRefused(() -> source.exportKeys(attacker.createKeyRequest(source.randomId())), PoolApi.NOT_ADMITTED);
        // The measurement list is compared as a set of values, whatever its case or order.
        PoolPolicy sameWps = new PoolPolicy(
                List.of(Hex.upper(KeyManagerTest.WP_MEASUREMENT).toLowerCase()),
                true,
                0,
                0,
                true,
                false,
                Duration.ofSeconds(60),
                "",
                false);
        KeyManager replica = wkm("c", sameWps, false);
        var exported = source.exportKeys(replica.createKeyRequest(source.randomId()));
        replica.importKeys(exported.keys(), exported.attestation());
        assertThat(poolKey(replica)).isEqualTo(poolKey(source));
    }

    @Test
    void aWkmRefusesToReplaceItsKeysWithAnotherPools() {
        KeyManager pool = wkm("a", policy(0, 0, false, ""), true);
        KeyManager otherPool = wkm("b", policy(0, 0, false, ""), true);
        KeyManager replica = wkm("c", policy(0, 0, false, ""), false);
        // Asked while it held no keys, so the other pool's WKM exports to it...
        var foreign = otherPool.exportKeys(replica.createKeyRequest(otherPool.randomId()));
        var own = pool.exportKeys(replica.createKeyRequest(pool.randomId()));
        replica.importKeys(own.keys(), own.attestation());
        // ...but once it holds this pool's keys, another pool's are refused, not installed.
        assertRefused(
                () -> replica.importKeys(foreign.keys(), foreign.attestation()),
                PoolApi.NOT_ADMITTED,
                "the keys are another pool's (a different signing key); this WKM keeps its own");
        assertThat(poolKey(replica)).isEqualTo(poolKey(pool)).isNotEqualTo(poolKey(otherPool));
    }
}
