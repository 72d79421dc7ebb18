package io.camelot.protocol.envelope;

import static io.camelot.protocol.WireEdits.edited;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.crypto.LegacyFixedIvGcm;
import io.camelot.protocol.internal.envelope.FixedNonceSealer;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test vectors of avalon-direct-model.md §6.11, reproduced byte for byte. */
class AvalonVectorsTest {
    static final byte[] SESSION_KEY = Hex.decode("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
    static final byte[] SESSION_IV = Hex.decode("000102030405060708090A0B");
    static final String REQUESTER_NONCE = "00112233445566778899aabbccddeeff";
    static final String WORK_ORDER_ID = "1".repeat(64);
    static final String REQUESTER_ID = "2".repeat(64);
    static final String WORKER_ID = "0b03616a46ea9cf574f3f8eedc93a62c691a60dbd3783427c0243bacfe5bba94";
    static final String WORKLOAD_ID = "6563686f2d726573756c74";
    static final String HELLO_DATA = "D2e6d6o26UuDZhDvSNiG11zk1557";
    static final String REQUEST_HASH = "EC5A4DEB7F6E78D6644E33A19BA8DF6E9CF5173F87500FAE03A5CA84A2BCB99B";
    static final String ENCRYPTED_REQUEST_HASH =
            "AB589BF0BA8BBACDE90FA42A2A41A7031F23900B772B50D23BC22F01BFD5B929" + "7A53EF94062CB7A371D4BC0969E7FA24";
    static final String WORKER_NONCE = "N0cI//dxndWXnsh11WzSKG9tPPfsMXo7JWMqqyjsN7s=";
    static final String RESULT_DATA = "FUeFTomx+DvFJPvn3pXMzGQhVZld/Usfmiy6SEk=";
    static final String RESULT_DATA_HASH = "84EA068A1326A99D02AF62D878FD15A5F2AFA8CF7BAAFADD95DA31165E3B45F1";
    static final String RESPONSE_HASH = "4470A4F1762DCC994CB7770EF29027B95D26F41B48C2AFA48488BAAD4C9E98E7";
    static final BigInteger SIGNING_KEY =
            new BigInteger("6664e284f1df11af541a803214cde9fe8377c2d7d6c49cbced97f03a47b6142e", 16);
    static final String VERIFICATION_KEY = "-----BEGIN PUBLIC KEY-----\n"
            + "MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEq8sD6k+HZis3i61ev9HZ01aCovn13+Aa1UsZ77HagXpu\n"
            + "vfaZEf8cIpiDJuOsCwJfiiauOT2HC9fDv5AYc0T0UA==\n"
            + "-----END PUBLIC KEY-----\n";
    static final String WORKER_SIGNATURE =
            "MEUCIQDIHmB7jOYqaaj319QyhKwF84V5WMBWT5jSHSjmDpCOrwIgYYpfJgxk/9aj/XJsOkknVE7nKE/XRqSiJ/LdZU+McEg=";

    static KeyWrapPrivateKey workerKey;

    @BeforeAll
    static void generateWorkerKey() {
        workerKey = RsaOaep.generate();
    }

    static WorkOrderSubmitParams vectorRequest(List<DataItem> inData) {
        return new WorkOrderSubmitParams(
                WORK_ORDER_ID,
                6000L,
                "JSON-RPC",
                null,
                null,
                REQUESTER_NONCE,
                WORKLOAD_ID,
                WORKER_ID,
                REQUESTER_ID,
                Hex.upper(SESSION_IV),
                null,
                "AES-GCM-256",
                null,
                null,
                "",
                null,
                inData,
                null,
                null,
                null);
    }

    @Test
    void requestHashOfTheVectorRequest() {
        WorkOrderSubmitParams request = vectorRequest(List.of(new DataItem(0, null, HELLO_DATA, null, null)));
        assertThat(Hex.upper(WorkOrderHashes.requestHash(request))).isEqualTo(REQUEST_HASH);
        assertThat(Base64.getEncoder().encodeToString(WorkOrderHashes.requestHash(request)))
                .isEqualTo("7FpN639ueNZkTjOhm6jfbpz1Fz+HUA+uA6XKhKK8uZs=");
    }

    @Test
    void requestHashOfThePlaintextAndDataHashVariant() {
        WorkOrderSubmitParams request = vectorRequest(List.of(
                new DataItem(1, null, "cGxhaW4=", "-", null),
                new DataItem(
                        0,
                        "185F8DB32271FE25F561A6FC938B2E264306EC304EDA518007D1764826381969",
                        HELLO_DATA,
                        null,
                        null)));
        assertThat(Hex.upper(WorkOrderHashes.requestHash(request)))
                .isEqualTo("E0B0BAC4B8E0749B19E488617A28A4E562492ED3B4F130A19C70B779907147C9");
    }

    @Test
    void sealerReproducesTheVectorRequestByteForByte() {
        RequestTemplate template = new RequestTemplate(
                WORK_ORDER_ID,
                WORKER_ID,
                WORKLOAD_ID,
                REQUESTER_ID,
                REQUESTER_NONCE,
                6000,
                null,
                List.of(InputSpec.text("Hello")),
                List.of());
        RequestSecrets secrets =
                RequestSealer.sealLegacy(template, workerKey.publicKey(), null, SESSION_KEY, SESSION_IV);
        WorkOrderSubmitParams sent = secrets.request();

        assertThat(sent.inData()).containsExactly(new DataItem(0, null, HELLO_DATA, null, null));
        assertThat(sent.sessionKeyIv()).isEqualTo("000102030405060708090A0B");
        assertThat(sent.encryptedRequestHash()).isEqualTo(ENCRYPTED_REQUEST_HASH);
        assertThat(sent.requesterSignature()).isEmpty();
        assertThat(workerKey.unwrap(Hex.decode(sent.encryptedSessionKey()))).isEqualTo(SESSION_KEY);
    }

    @Test
    void workerOpensTheVectorRequestAndSealsTheVectorResponse() {
        WorkOrderSubmitParams request = vectorRequest(List.of(new DataItem(0, null, HELLO_DATA, null, null)))
                .withEncryptedRequestHash(ENCRYPTED_REQUEST_HASH);
        String wrappedKey = Hex.upper(workerKey.publicKey().wrap(SESSION_KEY));
        request = edited(request, json -> json.put("encryptedSessionKey", wrappedKey));

        OpenedRequest opened = RequestOpener.open(request, workerKey);
        assertThat(Hex.upper(opened.requestHash())).isEqualTo(REQUEST_HASH);
        assertThat(opened.inputs()).singleElement().extracting(PlainItem::text).isEqualTo("Hello");

        PublicKeySign signer = Secp256k1.fromPrivateScalar(SIGNING_KEY);
        WorkOrderResult result =
                FixedNonceSealer.seal(opened, List.of(PlainItem.ofText(0, "RESULT: Hello")), signer, WORKER_NONCE);

        assertThat(result.outData()).containsExactly(new DataItem(0, RESULT_DATA_HASH, RESULT_DATA, "", ""));
        assertThat(Hex.upper(WorkOrderHashes.responseHash(result, opened.requestHash())))
                .isEqualTo(RESPONSE_HASH);
        assertThat(Secp256k1.verifierFromPem(VERIFICATION_KEY)
                        .verifyDigest(
                                Hex.decode(RESPONSE_HASH), Base64.getDecoder().decode(result.workerSignature())))
                .isTrue();
    }

    @Test
    void theVectorSignatureVerifiesWithTheVectorKeyThroughTheRequesterPath() {
        WorkOrderSubmitParams request = vectorRequest(List.of(new DataItem(0, null, HELLO_DATA, null, null)));
        WorkOrderResult vectorResult = new WorkOrderResult(
                WORK_ORDER_ID,
                WORKLOAD_ID,
                WORKER_ID,
                REQUESTER_ID,
                WORKER_NONCE,
                WORKER_SIGNATURE,
                List.of(new DataItem(0, RESULT_DATA_HASH, RESULT_DATA, "", "")),
                null,
                null,
                null,
                null);
        RequestSecrets secrets = new RequestSecrets(request, SESSION_KEY, SESSION_IV);

        List<PlainItem> outputs =
                ResponseOpener.open(vectorResult, secrets, Secp256k1.verifierFromPem(VERIFICATION_KEY));

        assertThat(outputs).singleElement().extracting(PlainItem::text).isEqualTo("RESULT: Hello");
    }

    @Test
    void theVectorAesGcmOutputsMatch() {
        assertThat(Base64.getEncoder()
                        .encodeToString(
                                LegacyFixedIvGcm.of(SESSION_KEY).encryptWithCallerIv(SESSION_IV, "Hello".getBytes())))
                .isEqualTo(HELLO_DATA);
        assertThat(Hex.upper(
                        LegacyFixedIvGcm.of(SESSION_KEY).encryptWithCallerIv(SESSION_IV, Hex.decode(REQUEST_HASH))))
                .isEqualTo(ENCRYPTED_REQUEST_HASH);
    }
}
