package io.camelot.pool.wkm;

import static io.camelot.pool.wkm.EeaAssertions.assertCode;
import static io.camelot.pool.wkm.KeyManagerTest.assertRefused;
import static io.camelot.pool.wkm.KeyManagerTest.runOnWp;
import static io.camelot.pool.wkm.KeyManagerTest.seal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.TeeKind;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.hash.WorkOrderHashes;
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

    WorkOrderKeyBroker.Preprocessed preprocess(WorkOrderSubmitParams request, KeyManagerTest.Wp wp) {
        return broker.preprocess(request, WpAdmissions.Caller.attested(wp.info()));
    }

    /** A work order this broker preprocessed for a fresh WP, and that WP's signed result. */
    record Answered(WorkOrderSubmitParams request, String requestHash, WorkOrderResult byWp) {}

    Answered answered(String input) {
        KeyManagerTest.Wp wp = attestWp();
        WorkOrderSubmitParams request = request(input, dedicated).request();
        WorkOrderKeyBroker.Preprocessed preprocessed = preprocess(request, wp);
        return new Answered(request, preprocessed.requestHash(), runOnWp(wp, request, preprocessed));
    }

    @Test
    void aResultIsReSignedOnceAndOnlyForARequestThisBrokerPreprocessed() {
        KeyManagerTest.Wp wp = attestWp();
        RequestSecrets secrets = request("once", dedicated);
        WorkOrderSubmitParams request = secrets.request();
        String requestHash = Hex.upper(WorkOrderHashes.requestHash(request));
        assertCode(() -> broker.postprocess(requestHash, null), PoolApi.REATTEST);

        WorkOrderKeyBroker.Preprocessed preprocessed = preprocess(request, wp);
        assertThat(preprocessed.requestHash()).isEqualTo(requestHash);
        WorkOrderResult byWp = runOnWp(wp, request, preprocessed);
        WorkOrderResult signed = broker.postprocess(requestHash, byWp);

        var poolKey = vault.current().signing().verifier();
        assertThat(ResponseOpener.open(signed, secrets, poolKey).getFirst().text())
                .isEqualTo("echo once");
        assertCode(() -> broker.postprocess(requestHash, byWp), PoolApi.REATTEST);
    }

    @Test
    void aRequestHashThisBrokerDidNotPreprocessIsRefusedAndUsesUpNothing() {
        Answered answered = answered("unknown");
        String unknown = "00".repeat(32);

        assertRefused(
                () -> broker.postprocess(unknown, answered.byWp()),
                PoolApi.REATTEST,
                "the work order with request hash " + unknown + " was not preprocessed by this WKM");
        assertThat(broker.postprocess(answered.requestHash(), answered.byWp()).workOrderId())
                .isEqualTo(answered.request().workOrderId());
    }

    @Test
    void aResultOfAnotherWorkOrderIsNotReSigned() {
        KeyManagerTest.Wp wp = attestWp();
        WorkOrderSubmitParams asked = request("a", dedicated).request();
        WorkOrderKeyBroker.Preprocessed askedKeys = preprocess(asked, wp);
        KeyManagerTest.Wp other = attestWp();
        WorkOrderSubmitParams answered = request("bb", dedicated).request();
        WorkOrderResult otherResult = runOnWp(other, answered, preprocess(answered, other));

        assertRefused(
                () -> broker.postprocess(askedKeys.requestHash(), otherResult),
                PoolApi.NOT_ADMITTED,
                "the response does not answer the preprocessed request");
    }

    /**
     * The response is checked against the request preprocessed under the hash it names: each field
     * that must answer the request, changed, is refused under that known hash, and the refusals do
     * not use up the work order.
     */
    @Test
    void aResponseWhoseFieldsDoNotMatchThePreprocessedRequestIsRefusedUnderItsKnownHash() {
        Answered answered = answered("fields");

        for (String field : List.of("workOrderId", "workloadId", "workerId", "requesterId")) {
            ObjectNode changed = ((ObjectNode) ProtocolJson.toTree(answered.byWp())).put(field, "ee".repeat(32));
            WorkOrderResult mismatched = ProtocolJson.bind(changed, WorkOrderResult.class);
            assertRefused(
                    () -> broker.postprocess(answered.requestHash(), mismatched),
                    PoolApi.NOT_ADMITTED,
                    "the response does not answer the preprocessed request");
        }
        assertThat(broker.postprocess(answered.requestHash(), answered.byWp()).workOrderId())
                .isEqualTo(answered.request().workOrderId());
    }

    /**
     * After its first answer a WP names its admission by the handle it was given; a handle this
     * WKM does not know (here: the identity spent its budget of one) is told to re-attest.
     */
    @Test
    void anAdmissionHandleNamesTheWpUntilItIsSpentAndAnUnknownOneMustReattest() {
        KeyManagerTest.Wp wp = attestWp();
        assertCode(
                () -> broker.preprocess(
                        request("x", dedicated).request(), WpAdmissions.Caller.admitted("00".repeat(32))),
                PoolApi.REATTEST);

        WorkOrderKeyBroker.Preprocessed first =
                preprocess(request("y", dedicated).request(), wp);
        assertThat(first.admission()).isEqualTo(wp.info().digest());
        assertCode(
                () -> broker.preprocess(
                        request("z", dedicated).request(), WpAdmissions.Caller.admitted(first.admission())),
                PoolApi.REATTEST);
    }

    /** A refused requester gets no keys and costs the WP none of its budget (here one work order). */
    @Test
    void aRefusedRequestDoesNotSpendTheWpsBudget() {
        KeyManagerTest.Wp wp = attestWp();
        assertCode(() -> preprocess(request("x", Secp256k1.generate()).request(), wp), 3);
        assertThat(admissions.size()).isEqualTo(1);

        assertThat(preprocess(request("y", dedicated).request(), wp).keys()).hasSize(1);
        assertThat(admissions.size()).isZero();
    }
}
