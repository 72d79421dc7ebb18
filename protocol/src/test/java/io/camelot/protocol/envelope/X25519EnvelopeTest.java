package io.camelot.protocol.envelope;

import static io.camelot.protocol.WireEdits.edited;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.requesterKey;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.template;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.workerSigningKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The envelope with the session key wrapped to a worker that offers RSA-OAEP and X25519. */
class X25519EnvelopeTest {
    static KeyWrapPrivateKey rsa;
    static KeyWrapPrivateKey x25519;
    static KeyWrapKeyRing bothKeys;

    @BeforeAll
    static void keys() {
        EnvelopeRoundTripTest.keys();
        rsa = RsaOaep.generate();
        x25519 = X25519Hkdf.generate();
        bothKeys = KeyWrapKeyRing.of(rsa, x25519);
    }

    static WorkOrderResult echo(WorkOrderSubmitParams sent, KeyWrapKeyRing keys) {
        WorkOrderSubmitParams received = Params.workOrderSubmit(ProtocolJson.toTree(sent));
        OpenedRequest opened = RequestOpener.open(received, keys);
        return ResponseSealer.seal(opened, opened.inputs(), workerSigningKey);
    }

    @Test
    void aSessionKeyWrappedWithX25519RoundTrips() {
        RequestSecrets secrets = RequestSealer.seal(
                template(List.of(InputSpec.text("Hello"), InputSpec.text("X25519")), List.of()),
                x25519.publicKey(),
                requesterKey);
        WorkOrderSubmitParams sent = secrets.request();
        assertThat(sent.encryptedSessionKey()).matches("[0-9A-F]{160}");
        assertThat(new String(HexFormat.of().parseHex(sent.workerEncryptionKey()), StandardCharsets.UTF_8))
                .isEqualTo(x25519.publicKey().pem());

        WorkOrderResult result = echo(sent, bothKeys);

        assertThat(ResponseOpener.open(result, secrets, workerSigningKey.verifier()))
                .extracting(PlainItem::text)
                .containsExactly("Hello", "X25519");
    }

    @Test
    void anAvalonStyleRsaRequestStillOpensOnAWorkerOfferingBoth() {
        RequestSecrets secrets =
                RequestSealer.seal(template(List.of(InputSpec.text("Avalon")), List.of()), rsa.publicKey(), null);
        assertThat(secrets.request().encryptedSessionKey()).hasSize(2 * 384);

        WorkOrderResult result = echo(secrets.request(), bothKeys);

        assertThat(ResponseOpener.open(result, secrets, workerSigningKey.verifier()))
                .extracting(PlainItem::text)
                .containsExactly("Avalon");
    }

    @Test
    void dataKeysMayBeWrappedWithX25519Too() {
        byte[] ownerKey = AesGcm.newKey();
        DataKeyItem owned =
                DataKeyItem.seal("owned".getBytes(StandardCharsets.UTF_8), ownerKey, x25519.publicKey(), true);
        RequestSecrets secrets = RequestSealer.seal(
                template(
                        List.of(new InputSpec.OwnDataKey(owned)),
                        List.of(new RequestTemplate.OutputKey(
                                0, x25519.publicKey().wrap(ownerKey)))),
                rsa.publicKey(),
                requesterKey);

        WorkOrderResult result = echo(secrets.request(), bothKeys);

        assertThat(new String(DataKeyItem.openOutput(result, 0, ownerKey), StandardCharsets.UTF_8))
                .isEqualTo("owned");
    }

    @Test
    void anX25519RequestIsRefusedByAnRsaOnlyWorker() {
        RequestSecrets secrets =
                RequestSealer.seal(template(List.of(InputSpec.text("x")), List.of()), x25519.publicKey(), null);
        assertThatThrownBy(() -> echo(secrets.request(), KeyWrapKeyRing.of(rsa)))
                .isInstanceOfSatisfying(
                        EeaException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE.code()))
                .hasMessage("Crypto Error (DecryptMessage): RSA ciphertext size is invalid");
    }

    @Test
    void aTamperedX25519SessionKeyIsRefused() {
        RequestSecrets secrets =
                RequestSealer.seal(template(List.of(InputSpec.text("x")), List.of()), x25519.publicKey(), null);
        byte[] wrapped = Hex.decode(secrets.request().encryptedSessionKey());
        wrapped[40] ^= 1;
        WorkOrderSubmitParams tampered =
                edited(secrets.request(), json -> json.put("encryptedSessionKey", Hex.upper(wrapped)));

        assertThatThrownBy(() -> echo(tampered, bothKeys))
                .isInstanceOf(EeaException.class)
                .hasMessageStartingWith("Crypto Error (DecryptMessage): AES_GCM authentication failed");
    }
}
