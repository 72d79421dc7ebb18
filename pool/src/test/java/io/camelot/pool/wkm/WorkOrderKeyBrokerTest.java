package io.camelot.pool.wkm;

import static io.camelot.pool.wkm.EeaAssertions.assertCode;
import static io.camelot.pool.wkm.KeyManagerTest.runOnWp;
import static io.camelot.pool.wkm.KeyManagerTest.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.TeeKind;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key brokering for single work orders, over one vault and one WP's admission. */
class WorkOrderKeyBrokerTest {
    static final byte[] WKM_MEASUREMENT = Hex.decode("11".repeat(32));
    static final byte[] WP_MEASUREMENT = Hex.decode("22".repeat(32));

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock();
    final RandomIds randomIds = new RandomIds(clock);
    final PublicKeySign dedicated = Secp256k1.generate();
    PoolKeyVault vault;
    WpAdmissions admissions;
    WorkOrderKeyBroker broker;

    @BeforeEach
    void start() {
        PoolPolicy policy = new PoolPolicy(
                List.of(Hex.upper(WP_MEASUREMENT)),
                false,
                0,
                1,
                true,
                false,
                Duration.ofSeconds(60),
                dedicated.verifier().pem(),
                false);
        ProofDataVerifier verifier = new ProofDataVerifier();
        SimulatedTee tee = SimulatedTee.open(dir.resolve("tee"), WKM_MEASUREMENT, clock);
        vault = new PoolKeyVault(
                tee,
                dir.resolve("pool-keys.sealed"),
                policy,
                randomIds,
                EvidenceCheck.forMeasurements(verifier, clock, TeeKind.SIMULATED, List.of(Hex.upper(WKM_MEASUREMENT))),
                clock,
                true);
        admissions = new WpAdmissions(
                policy,
                randomIds,
                EvidenceCheck.forMeasurements(verifier, clock, TeeKind.SIMULATED, policy.allowedWpMeasurements()),
                null,
                clock);
        broker = new WorkOrderKeyBroker(policy, vault, admissions, clock);
    }

    KeyManagerTest.Wp attestWp() {
        String id = randomIds.issue();
        PublicKeySign signing = Secp256k1.generate();
        KeyWrapPrivateKey transport = X25519Hkdf.generate();
        return new KeyManagerTest.Wp(
                signing,
                transport,
                AttestationInfo.create(
                        SimulatedTee.open(dir.resolve("tee"), WP_MEASUREMENT, clock),
                        id,
                        signing.verifier().pem(),
                        transport.publicKey().pem(),
                        id.getBytes(StandardCharsets.UTF_8)));
    }

    RequestSecrets request(String input, PublicKeySign requesterKey) {
        return seal(
                vault.workerInfo().path("encryptionKey").asText(),
                "cc".repeat(32),
                input,
                requesterKey,
                EnvelopeVersion.CAMELOT_2);
    }

    @Test
    void aResultIsReSignedOnceAndOnlyForARequestThisBrokerPreprocessed() {
        KeyManagerTest.Wp wp = attestWp();
        RequestSecrets secrets = request("once", dedicated);
        WorkOrderSubmitParams request = secrets.request();
        assertCode(() -> broker.postprocess(request, null), PoolApi.REATTEST);

        WorkOrderResult byWp = runOnWp(wp, request, broker.preprocess(request, wp.info()));
        WorkOrderResult signed = broker.postprocess(request, byWp);

        var poolKey = vault.current().signing().verifier();
        assertThat(ResponseOpener.open(signed, secrets, poolKey).getFirst().text())
                .isEqualTo("echo once");
        assertCode(() -> broker.postprocess(request, byWp), PoolApi.REATTEST);
    }

    @Test
    void aResultOfAnotherWorkOrderIsNotReSigned() {
        KeyManagerTest.Wp wp = attestWp();
        WorkOrderSubmitParams asked = request("a", dedicated).request();
        broker.preprocess(asked, wp.info());
        KeyManagerTest.Wp other = attestWp();
        WorkOrderSubmitParams answered = request("bb", dedicated).request();
        WorkOrderResult otherResult = runOnWp(other, answered, broker.preprocess(answered, other.info()));

        assertThatThrownBy(() -> broker.postprocess(asked, otherResult))
                .isInstanceOfSatisfying(EeaException.class, e -> {
                    assertThat(e.code()).isEqualTo(PoolApi.NOT_ADMITTED);
                    assertThat(e.getMessage()).isEqualTo("the response does not answer the preprocessed request");
                });
    }

    /** A refused requester gets no keys and costs the WP none of its budget (here one work order). */
    @Test
    void aRefusedRequestDoesNotSpendTheWpsBudget() {
        KeyManagerTest.Wp wp = attestWp();
        assertCode(() -> broker.preprocess(request("x", Secp256k1.generate()).request(), wp.info()), 3);
        assertThat(admissions.size()).isEqualTo(1);

        assertThat(broker.preprocess(request("y", dedicated).request(), wp.info()))
                .hasSize(1);
        assertThat(admissions.size()).isZero();
    }
}
