package io.camelot.pool.wkm;

import static io.camelot.pool.wkm.EeaAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.TeeKind;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.ManualClock;
import io.camelot.worker.RetiredKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool keys' lifecycle in one vault, sealed to a simulated TEE. */
class PoolKeyVaultTest {
    static final byte[] WKM_MEASUREMENT = Hex.decode("11".repeat(32));
    static final Duration GRACE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock();
    final RandomIds randomIds = new RandomIds(clock);

    PoolKeyVault vault(String name, boolean keyMigration, boolean generate) {
        PoolPolicy policy =
                new PoolPolicy(List.of("22".repeat(32)), false, 0, 0, keyMigration, false, GRACE, "", false);
        EvidenceCheck peers = EvidenceCheck.forMeasurements(
                new ProofDataVerifier(), clock, TeeKind.SIMULATED, List.of(Hex.upper(WKM_MEASUREMENT)));
        return new PoolKeyVault(
                SimulatedTee.open(dir.resolve("tee"), WKM_MEASUREMENT, clock),
                dir.resolve(name).resolve("pool-keys.sealed"),
                policy,
                randomIds,
                peers,
                clock,
                generate);
    }

    /**
     * A request naming {@code encryptionKey} as the worker key it is sealed to (only what keyFor
     * reads).
     */
    static WorkOrderSubmitParams sealedTo(String encryptionKey) {
        return ProtocolJson.bind(
                JsonNodeFactory.instance
                        .objectNode()
                        .put("workOrderId", "0f".repeat(32))
                        .put("workerEncryptionKey", Hex.upper(encryptionKey.getBytes(StandardCharsets.UTF_8))),
                WorkOrderSubmitParams.class);
    }

    @Test
    void generatedKeysAreSealedAndTheNextVaultUnsealsThem() {
        String signing = vault("a", true, true).current().signing().verifier().pem();
        assertThat(dir.resolve("a").resolve("pool-keys.sealed")).exists();

        PoolKeyVault reopened = vault("a", true, false);
        assertThat(reopened.hasKeys()).isTrue();
        assertThat(reopened.workerInfo().path("verificationKey").asText()).isEqualTo(signing);

        PoolKeyVault empty = vault("b", true, false);
        assertThat(empty.hasKeys()).isFalse();
        assertCode(empty::current, PoolApi.NO_KEYS);
        assertCode(empty::workerInfo, PoolApi.NO_KEYS);
    }

    @Test
    void aRetiredKeyOpensRequestsSealedToItUntilGraceAndQueueAllowanceRunOut() {
        PoolKeyVault vault = vault("a", true, true);
        PoolKeys before = vault.current();
        String oldPem = before.encryption().publicKey().pem();

        PoolKeyVault.NewEncryptionKey rotated = vault.rotate("abcd", "ef");

        assertThat(vault.rotations()).isEqualTo(1);
        assertThat(rotated.encryptionKey())
                .isNotEqualTo(oldPem)
                .isEqualTo(vault.current().encryption().publicKey().pem());
        assertThat(before.signing()
                        .verifier()
                        .verifyDigest(
                                Sha256.digest("abcd" + "ef" + rotated.encryptionKey()),
                                Base64.getDecoder().decode(rotated.signature())))
                .isTrue();
        assertThat(vault.workerInfo()
                        .path("retiredEncryptionKeys")
                        .get(0)
                        .path("encryptionKey")
                        .asText())
                .isEqualTo(oldPem);
        PoolKeys now = vault.current();
        assertThat(vault.keyFor(sealedTo(oldPem), now)).isSameAs(before.encryption());
        assertThat(vault.keyFor(sealedTo(rotated.encryptionKey()), now)).isSameAs(now.encryption());
        assertThat(vault.keyFor(sealedTo("not a key we ever had"), now)).isSameAs(now.encryption());

        clock.advance(GRACE.plus(Duration.ofHours(1)));
        assertThat(vault.keyFor(sealedTo(oldPem), now)).isSameAs(before.encryption());
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> vault.keyFor(sealedTo(oldPem), now)).isInstanceOfSatisfying(EeaException.class, e -> {
            assertThat(e.code()).isEqualTo(2);
            assertThat(e.data().path("reason").asText()).isEqualTo(RetiredKeys.REASON);
        });
    }

    @Test
    void keysGoOnlyToAnAttestedReplicaOnARandomIdIssuedHereAndOnlyIfMigrationIsAllowed() {
        assertCode(() -> vault("fixed", false, true).export(null), PoolApi.MIGRATION_FORBIDDEN);
        PoolKeyVault source = vault("a", true, true);
        PoolKeyVault replica = vault("b", true, false);
        assertCode(() -> source.export(null), PoolApi.REATTEST);
        assertCode(() -> source.export(replica.createKeyRequest("00".repeat(16))), PoolApi.REATTEST);

        PoolKeyVault.ExportedKeys exported = source.export(replica.createKeyRequest(randomIds.issue()));
        replica.importKeys(exported.keys(), exported.attestation());

        assertThat(replica.current().signing().verifier().pem())
                .isEqualTo(source.current().signing().verifier().pem());
        // The key request is used up with the import.
        AttestationInfo used = exported.attestation();
        assertCode(() -> replica.importKeys(exported.keys(), used), PoolApi.REATTEST);
    }
}
