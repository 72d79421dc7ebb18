package io.camelot.protocol.envelope;

import static io.camelot.protocol.WireEdits.edited;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.echoWorker;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.requesterKey;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.workerEncryptionKey;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.workerSigningKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.envelope.EnvelopeAad;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flaws of Avalon's envelope that the security review found (C1, H1, M4, L10), each shown on
 * the legacy form and shown closed in the hardened camelot-2 form (docs/envelope.md).
 */
class HardenedEnvelopeTest {
    private static final byte[] SECRET = "the requester's 40-byte secret input....".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void keys() {
        EnvelopeRoundTripTest.keys();
    }

    static RequestSecrets seal(EnvelopeVersion version, List<InputSpec> inputs, PublicKeySign signer) {
        return RequestSealer.seal(
                EnvelopeRoundTripTest.template(inputs, List.of()).withEnvelope(version),
                workerEncryptionKey.publicKey(),
                signer);
    }

    /**
     * C1: the request hash is computable from public fields and, in Avalon's form, encrypted under
     * the same (key, IV) as every input, so its keystream reads the first 32 bytes of every input.
     */
    static byte[] keystreamRecovery(WorkOrderSubmitParams sealed) {
        byte[] hash = WorkOrderHashes.requestHash(sealed);
        byte[] encryptedHash = Hex.decode(sealed.encryptedRequestHash());
        byte[] input = Base64.getDecoder().decode(sealed.inData().getFirst().data());
        byte[] recovered = new byte[32];
        for (int i = 0; i < 32; i++) {
            recovered[i] = (byte) (input[i] ^ encryptedHash[i] ^ hash[i]);
        }
        return recovered;
    }

    @Test
    void c1TheLegacyFormLeaksTheFirst32BytesOfEveryInputFromTheSealedParamsAlone() {
        WorkOrderSubmitParams legacy = seal(
                        EnvelopeVersion.AVALON_1, List.of(new InputSpec.SessionKey(SECRET, false)), null)
                .request();

        assertThat(keystreamRecovery(legacy)).isEqualTo(Arrays.copyOf(SECRET, 32));
    }

    @Test
    void c1TheHardenedFormGivesEveryCiphertextItsOwnIvSoTheKeystreamRevealsNothing() {
        WorkOrderSubmitParams hardened = seal(
                        EnvelopeVersion.CAMELOT_2,
                        List.of(new InputSpec.SessionKey(SECRET, false), new InputSpec.SessionKey(SECRET, false)),
                        null)
                .request();

        assertThat(keystreamRecovery(hardened)).isNotEqualTo(Arrays.copyOf(SECRET, 32));
        Set<String> ivs = new HashSet<>();
        ivs.add(hardened.sessionKeyIv());
        hardened.inData().forEach(item -> ivs.add(item.iv()));
        assertThat(ivs).as("sessionKeyIv and each input's iv are distinct").hasSize(3);
        assertThat(hardened.inData().get(0).data())
                .as("one plaintext twice gives two ciphertexts")
                .isNotEqualTo(hardened.inData().get(1).data());
    }

    @Test
    void c1TheWorkerAnswersTheHardenedFormWithAFreshIvPerOutputAndReusesNoRequestIv() {
        RequestSecrets secrets = seal(
                EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("a"), InputSpec.text("a"), InputSpec.text("")), null);
        WorkOrderResult result = echoWorker(secrets.request());

        Set<String> ivs = new HashSet<>();
        ivs.add(secrets.request().sessionKeyIv());
        secrets.request().inData().forEach(item -> ivs.add(item.iv()));
        result.outData().forEach(item -> ivs.add(item.iv()));
        assertThat(ivs).hasSize(1 + 3 + 3);
        assertThat(result.outData())
                .allSatisfy(item ->
                        assertThat(item.data()).as("even empty is sealed").isNotEmpty());
        assertThat(ResponseOpener.open(result, secrets, workerSigningKey.verifier()))
                .extracting(PlainItem::text)
                .containsExactly("a", "a", "");
    }

    /** H1: move one hex digit of the work order id onto the end of the nonce. */
    static WorkOrderSubmitParams boundaryShifted(WorkOrderSubmitParams p) {
        ObjectNode json = (ObjectNode) ProtocolJson.toTree(p);
        json.put("requesterNonce", p.requesterNonce() + p.workOrderId().charAt(0));
        json.put("workOrderId", p.workOrderId().substring(1));
        return Params.workOrderSubmit(json);
    }

    @Test
    void h1AShiftedIdKeepsTheLegacyHashButBreaksTheHardenedOne() {
        WorkOrderSubmitParams legacy = seal(
                        EnvelopeVersion.AVALON_1, List.of(InputSpec.text("pay bob 10")), requesterKey)
                .request();
        WorkOrderSubmitParams hardened = seal(
                        EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("pay bob 10")), requesterKey)
                .request();

        assertThat(WorkOrderHashes.requestHash(boundaryShifted(legacy)))
                .as("Avalon's form: the same hash, so the worker would run the replay (the TCS refuses known hashes)")
                .isEqualTo(WorkOrderHashes.requestHash(legacy));
        assertThat(RequestOpener.open(boundaryShifted(legacy), workerEncryptionKey)
                        .inputs())
                .hasSize(1);

        assertThat(WorkOrderHashes.requestHash(boundaryShifted(hardened)))
                .isNotEqualTo(WorkOrderHashes.requestHash(hardened));
        assertThatThrownBy(() -> RequestOpener.open(boundaryShifted(hardened), workerEncryptionKey))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(2))
                .hasMessageContaining("Request is tampered");
    }

    @Test
    void h1AHardenedResultCannotBeRelabelledAsTheAnswerToAnotherRequest() {
        RequestSecrets victim = seal(EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("victim")), null);
        // The attacker's request names the same ids but is another request (its own nonce and key).
        RequestSecrets attacker = RequestSealer.seal(
                new RequestTemplate(
                                victim.request().workOrderId(),
                                victim.request().workerId(),
                                victim.request().workloadId(),
                                victim.request().requesterId(),
                                "ff",
                                6000,
                                null,
                                List.of(InputSpec.text("attacker")),
                                List.of())
                        .withEnvelope(EnvelopeVersion.CAMELOT_2),
                workerEncryptionKey.publicKey(),
                null);
        WorkOrderResult answerToAttacker = echoWorker(attacker.request());

        assertThatThrownBy(() ->
                        ResponseOpener.verifySignature(answerToAttacker, victim.request(), workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("workerSignature does not verify");
    }

    @Test
    void noDowngradeALegacyResultForAHardenedRequestIsRefusedAndViceVersa() {
        RequestSecrets hardened = seal(EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("x")), null);
        WorkOrderResult result = echoWorker(hardened.request());
        WorkOrderResult relabelledLegacy = withEnvelopeVersion(result, null);

        assertThatThrownBy(() -> ResponseOpener.open(relabelledLegacy, hardened, workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("envelopeVersion");

        RequestSecrets legacy = seal(EnvelopeVersion.AVALON_1, List.of(InputSpec.text("x")), null);
        WorkOrderResult legacyResult = echoWorker(legacy.request());
        assertThatThrownBy(() -> ResponseOpener.open(
                        withEnvelopeVersion(legacyResult, "camelot-2"), legacy, workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("envelopeVersion");
    }

    @Test
    void m4AHardenedResultPublishesNoHashOfAnEncryptedOutputWhileTheLegacyOneDoes() {
        WorkOrderResult legacy = echoWorker(seal(EnvelopeVersion.AVALON_1, List.of(InputSpec.text("yes")), null)
                .request());
        WorkOrderResult hardened = echoWorker(seal(EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("yes")), null)
                .request());

        assertThat(legacy.outData().getFirst().dataHash()).isNotNull();
        assertThat(hardened.outData())
                .allSatisfy(item -> assertThat(item.dataHash()).isNull());
        assertThat(hardened.envelopeVersion()).isEqualTo("camelot-2");
    }

    @Test
    void l10FieldsOutsideAvalonsHashAreCoveredInTheHardenedForm() {
        RequestSecrets secrets = RequestSealer.seal(
                new RequestTemplate(
                                "0a",
                                "0b",
                                "0c",
                                "0d",
                                "0e",
                                6000,
                                "https://requester.example/notify",
                                List.of(InputSpec.text("x")),
                                List.of())
                        .withEnvelope(EnvelopeVersion.CAMELOT_2),
                workerEncryptionKey.publicKey(),
                requesterKey);
        List<Consumer<ObjectNode>> tamperings = List.of(
                json -> json.put("notifyUri", "http://attacker.example/"),
                json -> json.put("resultUri", "http://attacker.example/"),
                json -> json.put("responseTimeoutMSecs", 1),
                json -> json.put("verifyingKey", Secp256k1.generate().verifier().pem()));
        for (Consumer<ObjectNode> tamper : tamperings) {
            ObjectNode json = (ObjectNode) ProtocolJson.toTree(secrets.request());
            tamper.accept(json);
            assertThatThrownBy(() -> RequestOpener.open(Params.workOrderSubmit(json), workerEncryptionKey))
                    .isInstanceOfSatisfying(
                            EeaException.class, e -> assertThat(e.code()).isEqualTo(2));
        }
    }

    @Test
    void l10AStrippedSignatureIsRefusedInTheHardenedForm() {
        WorkOrderSubmitParams signed = seal(EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("x")), requesterKey)
                .request();
        ObjectNode json = (ObjectNode) ProtocolJson.toTree(signed);
        json.remove("requesterSignature");

        assertThatThrownBy(() -> RequestOpener.open(Params.workOrderSubmit(json), workerEncryptionKey))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(2))
                .hasMessageContaining("signature was removed");
        json.remove("verifyingKey");
        assertThatThrownBy(() -> RequestOpener.open(Params.workOrderSubmit(json), workerEncryptionKey))
                .as("removing the key too changes the request hash")
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(2))
                .hasMessageContaining("Request is tampered");
    }

    @Test
    void mixedFormsAreRefused() {
        WorkOrderSubmitParams hardened = seal(EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("x")), null)
                .request();
        ObjectNode noIv = (ObjectNode) ProtocolJson.toTree(hardened);
        ((ObjectNode) noIv.withArray("inData").get(0)).remove("iv");
        assertThatThrownBy(() -> RequestOpener.open(Params.workOrderSubmit(noIv), workerEncryptionKey))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(2))
                .hasMessageContaining("mixed forms");

        ObjectNode withHash = (ObjectNode) ProtocolJson.toTree(hardened);
        ((ObjectNode) withHash.withArray("inData").get(0)).put("dataHash", "AB".repeat(32));
        assertThatThrownBy(() -> RequestOpener.open(Params.workOrderSubmit(withHash), workerEncryptionKey))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(2))
                .hasMessageContaining("mixed forms");

        ObjectNode unknown = (ObjectNode) ProtocolJson.toTree(hardened);
        unknown.put("envelopeVersion", "camelot-3");
        assertThatThrownBy(() -> Params.workOrderSubmit(unknown))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(2))
                .hasMessageContaining("Unsupported envelopeVersion");
    }

    @Test
    void swappedInputCiphertextsFailTheirAssociatedDataEvenUnderARecomputedHash() {
        RequestSecrets secrets =
                seal(EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("first"), InputSpec.text("second")), null);
        ObjectNode json = (ObjectNode) ProtocolJson.toTree(secrets.request());
        ArrayNode inData = json.withArray("inData");
        ObjectNode first = inData.get(0).deepCopy();
        ObjectNode second = inData.get(1).deepCopy();
        first.put("index", 1);
        second.put("index", 0);
        inData.set(0, second);
        inData.set(1, first);
        WorkOrderSubmitParams swapped = Params.workOrderSubmit(json);
        // Even a party holding the session key, who can re-encrypt the hash, cannot move a ciphertext.
        byte[] hash = WorkOrderHashes.requestHash(swapped);
        Aead resealed = AesGcm.of(secrets.sessionKey());
        var encryptedHash =
                resealed.sealDetached(hash, EnvelopeAad.of(EnvelopeAad.REQUEST_HASH, 0, swapped.workOrderId()));
        ObjectNode rehashed = (ObjectNode) ProtocolJson.toTree(swapped);
        rehashed.put("sessionKeyIv", Hex.upper(encryptedHash.iv()));
        rehashed.put("encryptedRequestHash", Hex.upper(encryptedHash.ciphertextAndTag()));

        assertThatThrownBy(() -> RequestOpener.open(Params.workOrderSubmit(rehashed), workerEncryptionKey))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(1))
                .hasMessageContaining("authentication failed");
    }

    @Test
    void hardenedRoundTripsWithPlaintextDataKeyAndHandOffItems() {
        byte[] ownerKey = AesGcm.newKey();
        DataKeyItem owned = DataKeyItem.seal(
                "owned".getBytes(StandardCharsets.UTF_8), ownerKey, workerEncryptionKey.publicKey(), true);
        RequestSecrets secrets = RequestSealer.seal(
                EnvelopeRoundTripTest.template(
                                List.of(
                                        InputSpec.text("session"),
                                        new InputSpec.Plaintext("public".getBytes(StandardCharsets.UTF_8), true),
                                        new InputSpec.OwnDataKey(owned)),
                                List.of(new RequestTemplate.OutputKey(
                                        2, workerEncryptionKey.publicKey().wrap(ownerKey))))
                        .withEnvelope(EnvelopeVersion.CAMELOT_2),
                workerEncryptionKey.publicKey(),
                requesterKey);
        assertThat(secrets.request().inData().get(2).dataHash())
                .as("the owner's hash is not forwarded")
                .isNull();

        WorkOrderResult result = echoWorker(secrets.request());

        assertThat(ResponseOpener.open(result, secrets, workerSigningKey.verifier()))
                .extracting(PlainItem::text)
                .containsExactly("session", "public");
        assertThat(new String(DataKeyItem.openOutput(result, 2, ownerKey), StandardCharsets.UTF_8))
                .isEqualTo("owned");
        assertThatThrownBy(() -> DataKeyItem.openOutput(result, 2, AesGcm.newKey()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void aPoolsExtKeyVouchIsBoundToTheWholeHardenedRequest() {
        RequestSecrets secrets = seal(EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("pool")), null);
        OpenedRequest opened = RequestOpener.open(secrets.request(), workerEncryptionKey);
        PublicKeySign perWorkOrderKey = Secp256k1.generate();
        String extPem = perWorkOrderKey.verifier().pem();
        WorkOrderResult signedByExtKey = ResponseSealer.seal(opened, opened.inputs(), perWorkOrderKey);
        WorkOrderResult poolResult = signedByExtKey.withExtVerificationKey(
                extPem, Signatures.extVerificationKeySignature(workerSigningKey, extPem, secrets.request()));

        assertThat(ResponseOpener.open(poolResult, secrets, workerSigningKey.verifier()))
                .extracting(PlainItem::text)
                .containsExactly("pool");
        RequestSecrets other = seal(EnvelopeVersion.CAMELOT_2, List.of(InputSpec.text("other")), null);
        WorkOrderResult vouchedForAnother = signedByExtKey.withExtVerificationKey(
                extPem, Signatures.extVerificationKeySignature(workerSigningKey, extPem, other.request()));
        assertThatThrownBy(() -> ResponseOpener.open(vouchedForAnother, secrets, workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("extVerificationKeySignature");
    }

    private static WorkOrderResult withEnvelopeVersion(WorkOrderResult r, String version) {
        WorkOrderResult relabelled = edited(r, json -> {
            json.remove("workerSignature");
            json.put("envelopeVersion", version);
        });
        // Re-signed with the worker's own key: only the form is wrong, so only the form check can
        // refuse it.
        byte[] requestHash = version == null ? null : new byte[32];
        return relabelled.withSignature(Base64.getEncoder()
                .encodeToString(workerSigningKey.signDigest(WorkOrderHashes.responseHash(relabelled, requestHash))));
    }
}
