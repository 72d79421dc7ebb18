package io.camelot.protocol.envelope;

import static io.camelot.protocol.WireEdits.edited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeRoundTripTest {
    static KeyWrapPrivateKey workerEncryptionKey;
    static PublicKeySign workerSigningKey;
    static PublicKeySign requesterKey;

    @BeforeAll
    static void keys() {
        workerEncryptionKey = RsaOaep.generate();
        workerSigningKey = Secp256k1.generate();
        requesterKey = Secp256k1.generate();
    }

    static RequestTemplate template(List<InputSpec> inputs, List<RequestTemplate.OutputKey> outputKeys) {
        Random random = new Random(inputs.size());
        return new RequestTemplate(
                randomHex(random, 32),
                randomHex(random, 32),
                HexFormat.of().formatHex("echo-result".getBytes(StandardCharsets.UTF_8)),
                randomHex(random, 32),
                randomHex(random, 16),
                6000,
                null,
                inputs,
                outputKeys);
    }

    static String randomHex(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The worker side as the TCS runs it: validate, open, echo the inputs back, seal. */
    static WorkOrderResult echoWorker(WorkOrderSubmitParams sent) {
        WorkOrderSubmitParams received = Params.workOrderSubmit(ProtocolJson.toTree(sent));
        OpenedRequest opened = RequestOpener.open(received, workerEncryptionKey);
        return ResponseSealer.seal(opened, opened.inputs(), workerSigningKey);
    }

    @Test
    void sealOpenSealOpenRoundTripsRandomInputs() {
        qt().withExamples(40)
                .forAll(
                        lists().of(strings().betweenCodePoints(1, 0xD7FF).ofLengthBetween(0, 300))
                                .ofSizeBetween(1, 4),
                        integers().between(0, 2))
                .checkAssert((texts, mode) -> {
                    List<InputSpec> inputs = new ArrayList<>();
                    for (String text : texts) {
                        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                        inputs.add(
                                switch (mode) {
                                    case 0 -> new InputSpec.SessionKey(bytes, false);
                                    case 1 -> new InputSpec.SessionKey(bytes, true);
                                    default -> new InputSpec.Plaintext(bytes, true);
                                });
                    }
                    RequestSecrets secrets = RequestSealer.seal(
                            template(inputs, List.of()), workerEncryptionKey.publicKey(), requesterKey);
                    WorkOrderResult result = echoWorker(secrets.request());
                    List<String> outputs = ResponseOpener.open(result, secrets, workerSigningKey.verifier()).stream()
                            .map(PlainItem::text)
                            .toList();
                    assertThat(outputs).containsExactlyElementsOf(texts);
                });
    }

    static List<UnaryOperator<WorkOrderSubmitParams>> requestTampering() {
        return List.of(
                p -> edited(p, json -> json.put("requesterNonce", p.requesterNonce() + "00")),
                p -> edited(p, json -> json.put("workOrderId", p.workOrderId().replaceFirst(".", "f"))),
                p -> edited(p, json -> json.put("workerId", "0x" + p.workerId())),
                p -> edited(p, json -> json.put("workloadId", "68656c6c6f")),
                p -> edited(p, json -> json.put("requesterId", p.requesterId().toUpperCase())),
                p -> withInData(
                        p, 0, new DataItem(0, null, flipBase64(p.inData().get(0).data()), null, null)),
                p -> withInData(p, 0, new DataItem(0, "AB", p.inData().get(0).data(), null, null)),
                p -> withInData(p, 0, new DataItem(0, null, p.inData().get(0).data(), "", "00")),
                // Swapping indexes reorders the hashed concatenation.
                p -> withInData(
                        withInData(p, 0, new DataItem(1, null, p.inData().get(0).data(), null, null)),
                        1,
                        new DataItem(0, null, p.inData().get(1).data(), null, null)));
    }

    @ParameterizedTest
    @MethodSource("requestTampering")
    void changingAnyHashedRequestFieldIsDetected(UnaryOperator<WorkOrderSubmitParams> tamper) {
        RequestSecrets secrets = RequestSealer.seal(
                template(List.of(InputSpec.text("a"), InputSpec.text("b")), List.of()),
                workerEncryptionKey.publicKey(),
                null);
        WorkOrderSubmitParams original = secrets.request();
        WorkOrderSubmitParams tampered = tamper.apply(original);

        assertThat(WorkOrderHashes.requestHash(tampered)).isNotEqualTo(WorkOrderHashes.requestHash(original));
        assertThatThrownBy(() -> RequestOpener.open(tampered, workerEncryptionKey))
                .isInstanceOfSatisfying(EeaException.class, e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.getMessage())
                            .isEqualTo("Decryption of client request hash failed. Request is tampered.");
                });
    }

    @Test
    void requesterSignatureIsVerifiedAndAForeignSignatureRefused() {
        RequestSecrets signed = RequestSealer.seal(
                template(List.of(InputSpec.text("x")), List.of()), workerEncryptionKey.publicKey(), requesterKey);
        assertThat(signed.request().verifyingKey())
                .isEqualTo(requesterKey.verifier().pem());
        assertThat(RequestOpener.open(signed.request(), workerEncryptionKey).inputs())
                .hasSize(1);

        PublicKeySign impostor = Secp256k1.generate();
        WorkOrderSubmitParams forged = signed.request()
                .withRequesterSignature(
                        signed.request().requesterSignature(),
                        impostor.verifier().pem());
        assertThatThrownBy(() -> RequestOpener.open(forged, workerEncryptionKey))
                .isInstanceOf(EeaException.class)
                .hasMessage("Signature verification of client request failed. Request is tampered.");
    }

    @Test
    void tamperedResultsAreRejectedByTheRequester() {
        RequestSecrets secrets = RequestSealer.seal(
                template(List.of(InputSpec.text("payload")), List.of()), workerEncryptionKey.publicKey(), null);
        WorkOrderResult result = echoWorker(secrets.request());
        DataItem out = result.outData().get(0);
        WorkOrderResult flipped = edited(
                result,
                json -> json.set(
                        "outData",
                        ProtocolJson.toTree(
                                List.of(new DataItem(out.index(), out.dataHash(), flipBase64(out.data()), "", "")))));
        WorkOrderResult otherOrder = edited(result, json -> json.put("workOrderId", "ab" + result.workOrderId()));

        assertThatThrownBy(() -> ResponseOpener.open(flipped, secrets, workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("workerSignature does not verify");
        assertThatThrownBy(() -> ResponseOpener.open(otherOrder, secrets, workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("workOrderId");
        assertThatThrownBy(() -> ResponseOpener.open(
                        result, secrets, Secp256k1.generate().verifier()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void twoPartiesEachKeepTheirItemSecretFromTheOther() {
        // Party B owns an input and wants the output at its index encrypted for itself only.
        byte[] partyBKey = AesGcm.newKey();
        DataItemsOfB ofB = DataItemsOfB.prepare(partyBKey);
        RequestSecrets secrets = RequestSealer.seal(
                template(
                        List.of(InputSpec.text("from A"), new InputSpec.OwnDataKey(ofB.input())),
                        List.of(new RequestTemplate.OutputKey(1, ofB.outputKey()))),
                workerEncryptionKey.publicKey(),
                requesterKey);
        WorkOrderSubmitParams sent = secrets.request();
        assertThat(sent.inData().get(1).data()).isEqualTo(ofB.input().data());

        WorkOrderResult result = echoWorker(sent);

        List<PlainItem> seenByA = ResponseOpener.open(result, secrets, workerSigningKey.verifier());
        assertThat(seenByA).extracting(PlainItem::text).containsExactly("from A");
        assertThat(new String(DataKeyItem.openOutput(result, 1, partyBKey), StandardCharsets.UTF_8))
                .isEqualTo("from B");
        assertThatThrownBy(() -> DataKeyItem.openOutput(result, 1, AesGcm.newKey()))
                .isInstanceOf(CryptoException.class);
    }

    record DataItemsOfB(DataKeyItem input, byte[] outputKey) {
        static DataItemsOfB prepare(byte[] key) {
            return new DataItemsOfB(
                    DataKeyItem.seal(
                            "from B".getBytes(StandardCharsets.UTF_8), key, workerEncryptionKey.publicKey(), true),
                    workerEncryptionKey.publicKey().wrap(key));
        }
    }

    @Test
    void twoStepPoolSignatureVerifiesAndIsBoundToTheRequesterNonce() {
        RequestSecrets secrets = RequestSealer.seal(
                template(List.of(InputSpec.text("pool")), List.of()), workerEncryptionKey.publicKey(), null);
        OpenedRequest opened = RequestOpener.open(secrets.request(), workerEncryptionKey);
        PublicKeySign perWorkOrderKey = Secp256k1.generate();
        WorkOrderResult signedByExtKey = ResponseSealer.seal(opened, opened.inputs(), perWorkOrderKey);
        String extPem = perWorkOrderKey.verifier().pem();
        WorkOrderResult poolResult = signedByExtKey.withExtVerificationKey(
                extPem, Signatures.extVerificationKeySignature(workerSigningKey, extPem, secrets.request()));

        assertThat(ResponseOpener.open(poolResult, secrets, workerSigningKey.verifier()))
                .extracting(PlainItem::text)
                .containsExactly("pool");
        WorkOrderResult replayedForAnotherNonce = signedByExtKey.withExtVerificationKey(
                extPem,
                Signatures.extVerificationKeySignature(
                        workerSigningKey, extPem, edited(secrets.request(), json -> json.put("requesterNonce", "00"))));
        assertThatThrownBy(() -> ResponseOpener.open(replayedForAnotherNonce, secrets, workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("extVerificationKeySignature");
    }

    @Test
    void encryptionKeySignatureIsUpperHexAndVerifies() {
        String pem = workerEncryptionKey.publicKey().pem();
        String signature = Signatures.encryptionKeySignature(workerSigningKey, pem);
        assertThat(signature).matches("[0-9A-F]+");
        assertThat(Signatures.verifyEncryptionKeySignature(workerSigningKey.verifier(), pem, signature))
                .isTrue();
        assertThat(Signatures.verifyEncryptionKeySignature(workerSigningKey.verifier(), pem + " ", signature))
                .isFalse();
        assertThat(Signatures.verifyEncryptionKeySignature(workerSigningKey.verifier(), pem, "zz"))
                .isFalse();
    }

    @Test
    void emptyOutputIsSentAsEmptyDataAndStillSigned() {
        RequestSecrets secrets = RequestSealer.seal(
                template(List.of(InputSpec.text("")), List.of()), workerEncryptionKey.publicKey(), null);
        WorkOrderResult result = echoWorker(secrets.request());
        assertThat(result.outData().get(0).data()).isEmpty();
        assertThat(ResponseOpener.open(result, secrets, workerSigningKey.verifier()))
                .extracting(PlainItem::text)
                .containsExactly("");
    }

    private static String flipBase64(String base64) {
        byte[] bytes = java.util.Base64.getDecoder().decode(base64);
        bytes[0] ^= 1;
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static WorkOrderSubmitParams withInData(WorkOrderSubmitParams p, int at, DataItem item) {
        List<DataItem> items = new ArrayList<>(p.inData());
        items.set(at, item);
        return edited(p, json -> json.set("inData", ProtocolJson.toTree(items)));
    }
}
