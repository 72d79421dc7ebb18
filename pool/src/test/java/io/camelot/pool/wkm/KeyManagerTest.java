package io.camelot.pool.wkm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.SimulatedTee;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolMetrics;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.WorkloadIds;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.ManualClock;
import io.camelot.worker.RetiredKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The WKM's trusted logic in one JVM, with simulated TEEs for the WKM and its WPs. */
class KeyManagerTest {
    static final byte[] WKM_MEASUREMENT = Hex.decode("11".repeat(32));
    static final byte[] WP_MEASUREMENT = Hex.decode("22".repeat(32));
    static final String POOL_ID = "ab".repeat(32);

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock();

    static PoolPolicy policy(int maxWps, int maxWorkOrders, boolean ext, String dedicatedKey) {
        return policy(maxWps, maxWorkOrders, ext, dedicatedKey, false);
    }

    static PoolPolicy policy(
            int maxWps, int maxWorkOrders, boolean ext, String dedicatedKey, boolean requireSignature) {
        return new PoolPolicy(
                List.of(Hex.upper(WP_MEASUREMENT)),
                true,
                maxWps,
                maxWorkOrders,
                true,
                ext,
                Duration.ofSeconds(60),
                dedicatedKey,
                requireSignature);
    }

    KeyManager keyManager(String name, PoolPolicy policy, boolean generate) {
        return keyManager(dir, clock, name, policy, generate);
    }

    /** A WKM with its simulated TEE under {@code dir}. */
    static KeyManager keyManager(Path dir, Clock clock, String name, PoolPolicy policy, boolean generate) {
        SimulatedTee tee = SimulatedTee.open(dir.resolve("tee"), WKM_MEASUREMENT, clock);
        return new KeyManager(
                tee,
                Hex.upper(WKM_MEASUREMENT),
                policy,
                dir.resolve(name).resolve("pool-keys.sealed"),
                new ProofDataVerifier(),
                clock,
                generate);
    }

    /** A WP identity as WpRuntime makes it. */
    record Wp(PublicKeySign signing, KeyWrapPrivateKey transport, AttestationInfo info) {
        static Wp attest(KeyManager wkm, SimulatedTee tee) {
            String id = wkm.randomId();
            PublicKeySign signing = Secp256k1.generate();
            KeyWrapPrivateKey transport = X25519Hkdf.generate();
            return new Wp(
                    signing,
                    transport,
                    AttestationInfo.create(
                            tee,
                            id,
                            signing.verifier().pem(),
                            transport.publicKey().pem(),
                            id.getBytes(StandardCharsets.UTF_8)));
        }
    }

    SimulatedTee wpTee(byte[] measurement) {
        return SimulatedTee.open(dir.resolve("tee"), measurement, clock);
    }

    RequestSecrets request(KeyManager wkm, String requester, String input) {
        return request(wkm, requester, input, null, EnvelopeVersion.AVALON_1);
    }

    /**
     * @param requesterKey signs the request, or null for an unsigned one
     */
    RequestSecrets request(
            KeyManager wkm, String requester, String input, PublicKeySign requesterKey, EnvelopeVersion envelope) {
        return seal(wkm.workerInfo().path("encryptionKey").asText(), requester, input, requesterKey, envelope);
    }

    /** A work order for the echo workload sealed to the pool encryption key {@code pem}. */
    static RequestSecrets seal(
            String pem, String requester, String input, PublicKeySign requesterKey, EnvelopeVersion envelope) {
        RequestTemplate template = new RequestTemplate(
                Hex.upper(new byte[8]) + input.length(),
                POOL_ID,
                WorkloadIds.of("echo-result"),
                requester,
                "0a0b",
                6000L,
                null,
                List.of(InputSpec.text(input)),
                List.of());
        return RequestSealer.seal(template.withEnvelope(envelope), RsaOaep.publicKeyFromPem(pem), requesterKey);
    }

    static void assertRefused(ThrowingCallable call, int code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    static void assertRefused(ThrowingCallable preprocess, int code, String message) {
        assertThatThrownBy(preprocess).isInstanceOfSatisfying(EeaException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    /** A work order through the WKM as a WP takes it: preprocess, run, postprocess by the request hash. */
    static WorkOrderResult roundTrip(KeyManager wkm, Wp wp, WorkOrderSubmitParams request) {
        WorkOrderKeyBroker.Preprocessed preprocessed = wkm.preprocess(request, wp.info());
        return wkm.postprocess(preprocessed.requestHash(), runOnWp(wp, request, preprocessed));
    }

    /** What a WP does with the preprocessed keys: open, "run", seal and sign with its own key. */
    static WorkOrderResult runOnWp(Wp wp, WorkOrderSubmitParams request, WorkOrderKeyBroker.Preprocessed preprocessed) {
        java.util.Map<String, byte[]> byCiphertext = new java.util.HashMap<>();
        for (WorkOrderKeyBroker.PreprocessedKey key : preprocessed.keys()) {
            byCiphertext.put(key.wrapped(), wp.transport().unwrap(Hex.decode(key.key())));
        }
        KeyWrapPrivateKey released = new KeyWrapPrivateKey() {
            @Override
            public byte[] unwrap(byte[] wrapped) {
                return byCiphertext.get(Hex.upper(wrapped));
            }

            @Override
            public int wrappedBytes() {
                return 384;
            }

            @Override
            public io.camelot.protocol.crypto.KeyWrapPublicKey publicKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] toPkcs8() {
                throw new UnsupportedOperationException();
            }
        };
        OpenedRequest opened = io.camelot.protocol.internal.envelope.RequestOpener.open(request, released);
        return ResponseSealer.seal(
                opened,
                List.of(PlainItem.ofText(0, "echo " + opened.inputs().getFirst().text())),
                wp.signing());
    }

    @Test
    void anAdmittedWpGetsOnlyItsWorkOrdersKeysAndTheResultVerifiesWithThePoolKey() {
        KeyManager wkm = keyManager("a", policy(0, 0, false, ""), true);
        Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        RequestSecrets secrets = request(wkm, "cc".repeat(32), "hello");

        var preprocessed = wkm.preprocess(secrets.request(), wp.info());
        assertThat(preprocessed.keys()).hasSize(1);
        WorkOrderResult signed =
                wkm.postprocess(preprocessed.requestHash(), runOnWp(wp, secrets.request(), preprocessed));

        var poolKey = Secp256k1.verifierFromPem(
                wkm.workerInfo().path("verificationKey").asText());
        assertThat(ResponseOpener.open(signed, secrets, poolKey).getFirst().text())
                .isEqualTo("echo hello");
        assertThat(signed.extVerificationKey()).isNull();
    }

    @Test
    void metersCountKeyRotationsAndAdmittedWps() {
        KeyManager wkm = keyManager("a", policy(0, 0, false, ""), true);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PoolMetrics.bind(registry, wkm);
        assertThat(registry.get("camelot.pool.key.rotations").functionCounter().count())
                .isZero();
        assertThat(registry.get("camelot.pool.wps.admitted").gauge().value()).isZero();

        Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        RequestSecrets secrets = request(wkm, "cc".repeat(32), "counted");
        wkm.preprocess(secrets.request(), wp.info());
        wkm.generateNewEncryptionKey(null, null);
        wkm.generateNewEncryptionKey(null, null);

        assertThat(registry.get("camelot.pool.wps.admitted").gauge().value()).isEqualTo(1);
        assertThat(registry.get("camelot.pool.key.rotations").functionCounter().count())
                .isEqualTo(2);
    }

    @Test
    void extKeyResultsVerifyInTwoStepsBoundToTheRequesterNonce() {
        KeyManager wkm = keyManager("a", policy(0, 0, true, ""), true);
        Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        RequestSecrets secrets = request(wkm, "cc".repeat(32), "two");
        WorkOrderResult signed = roundTrip(wkm, wp, secrets.request());

        var poolKey = Secp256k1.verifierFromPem(
                wkm.workerInfo().path("verificationKey").asText());
        assertThat(signed.extVerificationKey()).isNotNull();
        assertThat(ResponseOpener.open(signed, secrets, poolKey).getFirst().text())
                .isEqualTo("echo two");
    }

    @Test
    void receiptUpdatesAreSignedWithThePoolKeyForTheStoredBytesUnderBothSchemes() {
        for (boolean ext : List.of(false, true)) {
            KeyManager wkm = keyManager(ext ? "ext" : "pool", policy(0, 0, ext, ""), true);
            Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
            RequestSecrets secrets = request(wkm, "cc".repeat(32), "receipt");
            WorkOrderSubmitParams request = secrets.request();
            byte[] stored = ProtocolJson.toBytes(WorkOrderResponse.of(roundTrip(wkm, wp, request)));

            ReceiptUpdateParams update = wkm.signReceiptUpdate(request.workOrderId(), POOL_ID, stored, request);

            String poolKey = wkm.workerInfo().path("verificationKey").asText();
            assertThat(update.updateType()).isEqualTo(ReceiptStatus.PROCESSED.code());
            assertThat(update.updaterId()).isEqualTo(POOL_ID);
            assertThat(update.updateData()).isEqualTo(Hex.upper(Sha256.digest(stored)));
            assertThat(update.receiptVerificationKey()).isEqualTo(poolKey);
            assertThat(Signatures.verifyReceiptUpdate(
                            Secp256k1.verifierFromPem(poolKey),
                            request.workOrderId(),
                            update.updateType(),
                            update.updateData(),
                            update.updateSignature()))
                    .isTrue();
            if (ext) {
                // The ext key is vouched for under the request's nonce: another nonce proves nothing.
                WorkOrderSubmitParams otherNonce = ProtocolJson.bind(
                        ((com.fasterxml.jackson.databind.node.ObjectNode) ProtocolJson.toTree(request))
                                .put("requesterNonce", "ffff"),
                        WorkOrderSubmitParams.class);
                assertRefused(
                        () -> wkm.signReceiptUpdate(request.workOrderId(), POOL_ID, stored, otherNonce),
                        PoolApi.NOT_ADMITTED);
            }
        }
    }

    @Test
    void noReceiptUpdateForAResultThePoolDidNotSignOrForAnotherWorkOrder() {
        KeyManager wkm = keyManager("a", policy(0, 0, false, ""), true);
        Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        RequestSecrets secrets = request(wkm, "cc".repeat(32), "x");
        WorkOrderSubmitParams request = secrets.request();
        // The WP's own signature is not the pool's: it never went through PostprocessWorkorder.
        byte[] wpSigned =
                ProtocolJson.toBytes(WorkOrderResponse.of(runOnWp(wp, request, wkm.preprocess(request, wp.info()))));
        assertThatThrownBy(() -> wkm.signReceiptUpdate(request.workOrderId(), POOL_ID, wpSigned, request))
                .isInstanceOfSatisfying(EeaException.class, e -> {
                    assertThat(e.code()).isEqualTo(PoolApi.NOT_ADMITTED);
                    assertThat(e.getMessage()).contains("not signed by this pool");
                });

        RequestSecrets other = request(wkm, "cc".repeat(32), "other");
        byte[] poolSigned = ProtocolJson.toBytes(WorkOrderResponse.of(roundTrip(wkm, wp, other.request())));
        assertRefused(
                () -> wkm.signReceiptUpdate(request.workOrderId(), POOL_ID, poolSigned, request), PoolApi.NOT_ADMITTED);
    }

    @Test
    void anErrorNamingTheWorkOrderGetsAFailedUpdateAndOneNamingAnotherNone() {
        KeyManager wkm = keyManager("a", policy(0, 0, false, ""), true);
        String id = "0f".repeat(32);
        byte[] failure = ProtocolJson.toBytes(WorkOrderResponse.of(new JsonRpcError(
                5, "the workload failed", JsonNodeFactory.instance.objectNode().put("workOrderId", id))));

        ReceiptUpdateParams update = wkm.signReceiptUpdate(id, POOL_ID, failure, null);

        assertThat(update.updateType()).isEqualTo(ReceiptStatus.FAILED.code());
        assertThat(update.updateData()).isEqualTo(Hex.upper(Sha256.digest(failure)));
        assertThat(Signatures.verifyReceiptUpdate(
                        Secp256k1.verifierFromPem(
                                wkm.workerInfo().path("verificationKey").asText()),
                        id,
                        update.updateType(),
                        update.updateData(),
                        update.updateSignature()))
                .isTrue();
        assertRefused(() -> wkm.signReceiptUpdate("1e".repeat(32), POOL_ID, failure, null), PoolApi.NOT_ADMITTED);
    }

    @Test
    void aWpWithAnotherMeasurementIsRefused() {
        KeyManager wkm = keyManager("a", policy(0, 0, false, ""), true);
        Wp impostor = Wp.attest(wkm, wpTee(Hex.decode("33".repeat(32))));
        RequestSecrets secrets = request(wkm, "cc".repeat(32), "x");
        assertThatThrownBy(() -> wkm.preprocess(secrets.request(), impostor.info()))
                .isInstanceOfSatisfying(EeaException.class, e -> {
                    assertThat(e.code()).isEqualTo(PoolApi.NOT_ADMITTED);
                    assertThat(e.getMessage()).contains("MEASUREMENT_NOT_ALLOWED");
                });
    }

    @Test
    void aRandomIdAdmitsOneIdentityOnlyAndEvidenceMustCarryIt() {
        KeyManager wkm = keyManager("a", policy(0, 0, false, ""), true);
        Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        RequestSecrets secrets = request(wkm, "cc".repeat(32), "x");
        wkm.preprocess(secrets.request(), wp.info());
        // Another identity replaying the spent id is told to re-attest.
        PublicKeySign other = Secp256k1.generate();
        KeyWrapPrivateKey transport = X25519Hkdf.generate();
        AttestationInfo replay = AttestationInfo.create(
                wpTee(WP_MEASUREMENT),
                wp.info().randomId(),
                other.verifier().pem(),
                transport.publicKey().pem(),
                wp.info().randomId().getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> wkm.preprocess(secrets.request(), replay), PoolApi.REATTEST);
        // Evidence over another id than the one presented is refused.
        String fresh = wkm.randomId();
        AttestationInfo mismatched = AttestationInfo.create(
                wpTee(WP_MEASUREMENT),
                fresh,
                other.verifier().pem(),
                transport.publicKey().pem(),
                "another".getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> wkm.preprocess(secrets.request(), mismatched), PoolApi.NOT_ADMITTED);
    }

    @Test
    void aResponseNotSignedByThePreprocessingWpIsNotReSigned() {
        KeyManager wkm = keyManager("a", policy(0, 0, false, ""), true);
        Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        RequestSecrets secrets = request(wkm, "cc".repeat(32), "x");
        var preprocessed = wkm.preprocess(secrets.request(), wp.info());
        WorkOrderResult byWp = runOnWp(wp, secrets.request(), preprocessed);
        WorkOrderResult forged = byWp.withSignature(java.util.Base64.getEncoder()
                .encodeToString(Secp256k1.generate()
                        .signDigest(io.camelot.protocol.hash.WorkOrderHashes.responseHash(
                                byWp, io.camelot.protocol.hash.WorkOrderHashes.requestHash(secrets.request())))));
        assertRefused(() -> wkm.postprocess(preprocessed.requestHash(), forged), PoolApi.NOT_ADMITTED);
    }

    @Test
    void maxConcurrentWpsAndWorkOrderBudgetAreEnforced() {
        KeyManager wkm = keyManager("a", policy(1, 2, false, ""), true);
        Wp first = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        Wp second = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        wkm.preprocess(request(wkm, "cc".repeat(32), "1").request(), first.info());
        assertThatThrownBy(() ->
                        wkm.preprocess(request(wkm, "cc".repeat(32), "2").request(), second.info()))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.getMessage()).contains("at most 1 WPs"));
        wkm.preprocess(request(wkm, "cc".repeat(32), "22").request(), first.info());
        // Its budget of two is spent: it must restart and re-attest, which frees its place.
        assertRefused(
                () -> wkm.preprocess(request(wkm, "cc".repeat(32), "333").request(), first.info()), PoolApi.REATTEST);
        Wp restarted = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        assertThat(wkm.preprocess(request(wkm, "cc".repeat(32), "4444").request(), restarted.info())
                        .keys())
                .hasSize(1);
    }

    /**
     * M7: the pool is dedicated to a key, not to the requesterId anyone may put in a request, so an
     * impostor claiming the dedicated requester's id with its own key gets code 3, in both forms.
     */
    @ParameterizedTest
    @EnumSource(EnvelopeVersion.class)
    void aDedicatedPoolServesOnlyWorkOrdersSignedWithTheDedicatedKey(EnvelopeVersion envelope) {
        PublicKeySign dedicated = Secp256k1.generate();
        // Compared as keys, not as text: CRLF line endings name the same key.
        KeyManager wkm =
                keyManager("a", policy(0, 0, false, dedicated.verifier().pem().replace("\n", "\r\n")), true);
        Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        String dedicatedId = "cc".repeat(32);

        PublicKeySign impostor = Secp256k1.generate();
        assertRefused(
                () -> wkm.preprocess(
                        request(wkm, dedicatedId, "a", impostor, envelope).request(), wp.info()),
                3,
                PoolPolicy.OTHER_REQUESTER_KEY);
        assertRefused(
                () -> wkm.preprocess(
                        request(wkm, dedicatedId, "b", null, envelope).request(), wp.info()),
                3,
                PoolPolicy.OTHER_REQUESTER_KEY);
        assertRefused(
                () -> wkm.preprocess(
                        request(wkm, "dd".repeat(32), "c", null, envelope).request(), wp.info()),
                3,
                PoolPolicy.OTHER_REQUESTER_KEY);

        RequestSecrets signed = request(wkm, dedicatedId, "served", dedicated, envelope);
        WorkOrderResult result = roundTrip(wkm, wp, signed.request());
        var poolKey = Secp256k1.verifierFromPem(
                wkm.workerInfo().path("verificationKey").asText());
        assertThat(ResponseOpener.open(result, signed, poolKey).getFirst().text())
                .isEqualTo("echo served");
        // The key is the binding; the id plays no part.
        assertThat(wkm.preprocess(
                                request(wkm, "dd".repeat(32), "dd", dedicated, envelope)
                                        .request(),
                                wp.info())
                        .keys())
                .hasSize(1);
    }

    /**
     * With signatures required an unsigned work order gets code 3. Stripping the signature from a
     * signed request is refused in both forms: the hardened form's hash covers verifyingKey (code 2,
     * by the opener), and Avalon's, whose hash does not (L10), becomes unsigned (code 3).
     */
    @ParameterizedTest
    @EnumSource(EnvelopeVersion.class)
    void aPoolRequiringSignaturesRefusesUnsignedAndStrippedWorkOrders(EnvelopeVersion envelope) {
        KeyManager wkm = keyManager("a", policy(0, 0, false, "", true), true);
        Wp wp = Wp.attest(wkm, wpTee(WP_MEASUREMENT));
        PublicKeySign anyone = Secp256k1.generate();

        assertRefused(
                () -> wkm.preprocess(
                        request(wkm, "cc".repeat(32), "a", null, envelope).request(), wp.info()),
                3,
                PoolPolicy.UNSIGNED);
        WorkOrderSubmitParams stripped =
                request(wkm, "cc".repeat(32), "b", anyone, envelope).request().withRequesterSignature(null, null);
        if (envelope == EnvelopeVersion.CAMELOT_2) {
            assertRefused(
                    () -> wkm.preprocess(stripped, wp.info()),
                    2,
                    "Decryption of client request hash failed. Request is tampered.");
        } else {
            assertRefused(() -> wkm.preprocess(stripped, wp.info()), 3, PoolPolicy.UNSIGNED);
        }
        assertThat(wkm.preprocess(
                                request(wkm, "cc".repeat(32), "c", anyone, envelope)
                                        .request(),
                                wp.info())
                        .keys())
                .hasSize(1);
    }

    @Test
    void keysMigrateToAnAttestedReplicaAndRotationRetiresTheOldKeyAfterItsLifetime() {
        KeyManager source = keyManager("a", policy(0, 0, false, ""), true);
        KeyManager replica = keyManager("b", policy(0, 0, false, ""), false);
        assertThat(replica.hasKeys()).isFalse();
        var exported = source.exportKeys(replica.createKeyRequest(source.randomId()));
        replica.importKeys(exported.keys(), exported.attestation());
        assertThat(replica.workerInfo().path("verificationKey").asText())
                .isEqualTo(source.workerInfo().path("verificationKey").asText());

        RequestSecrets old = request(source, "cc".repeat(32), "old");
        source.generateNewEncryptionKey(null, null);
        var again = source.exportKeys(replica.createKeyRequest(source.randomId()));
        replica.importKeys(again.keys(), again.attestation());
        Wp wp = Wp.attest(replica, wpTee(WP_MEASUREMENT));
        // Within its lifetime the retired key still opens work orders, on the replica too.
        assertThat(replica.preprocess(old.request(), wp.info()).keys()).hasSize(1);
        clock.advance(Duration.ofMinutes(62));
        Wp later = Wp.attest(replica, wpTee(WP_MEASUREMENT));
        assertThatThrownBy(() -> replica.preprocess(old.request(), later.info()))
                .isInstanceOfSatisfying(EeaException.class, e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.data().path("reason").asText()).isEqualTo(RetiredKeys.REASON);
                });
    }

    @Test
    void aWkmOfAnotherMeasurementGetsNoKeys() {
        KeyManager source = keyManager("a", policy(0, 0, false, ""), true);
        SimulatedTee otherTee = SimulatedTee.open(dir.resolve("tee"), Hex.decode("44".repeat(32)), clock);
        KeyManager stranger = new KeyManager(
                otherTee,
                "44".repeat(32),
                policy(0, 0, false, ""),
                dir.resolve("c").resolve("keys"),
                new ProofDataVerifier(),
                clock,
                false);
        assertRefused(() -> source.exportKeys(stranger.createKeyRequest(source.randomId())), PoolApi.NOT_ADMITTED);
    }
}
