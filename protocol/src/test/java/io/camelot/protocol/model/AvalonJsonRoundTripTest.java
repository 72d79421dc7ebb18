package io.camelot.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Avalon's own JSON (reference §5 and §7) binds to the records and is written back unchanged. */
class AvalonJsonRoundTripTest {

    static JsonNode json(String text) {
        return ProtocolJson.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    static void assertRoundTrip(JsonNode original, Class<?> type) {
        Object bound = ProtocolJson.bind(original, type);
        // Text equality: same fields, same order, same values, nothing added or dropped.
        assertThat(ProtocolJson.toText(bound)).isEqualTo(ProtocolJson.toText(original));
    }

    @Test
    void workOrderSubmitParamsAsTheAvalonSdkSendsThem() {
        JsonNode params = json("{'workOrderId':'0x78b49e27aa1684ce0dffcfc05119587fc6fa83f416c50a94a228db75ee5deb27',"
                + "'responseTimeoutMSecs':6000,'payloadFormat':'JSON-RPC',"
                + "'requesterNonce':'91fde4852b05bdd1313a0daa09280d11','workloadId':'6563686f2d726573756c74',"
                + "'workerId':'0b03616a46ea9cf574f3f8eedc93a62c691a60dbd3783427c0243bacfe5bba94',"
                + "'requesterId':'0502f127aea0d4f4871d3391bc3f2e8e3c26d21364262448eb34097d2986b3f3',"
                + "'sessionKeyIv':'7B2C682C1646176358214568','workerEncryptionKey':'2d2d2d2d2d',"
                + "'dataEncryptionAlgorithm':'AES-GCM-256','encryptedSessionKey':'194205EB7F00',"
                + "'encryptedRequestHash':'fe006d528152','requesterSignature':'',"
                + "'inData':[{'index':0,'data':'2zRCnh5Z3tp57dnlHnMXengPdM1a'},"
                + "{'index':1,'dataHash':'','data':'cGxhaW4=','encryptedDataEncryptionKey':'-','iv':''}]}");
        assertRoundTrip(params, WorkOrderSubmitParams.class);
        WorkOrderSubmitParams p = Params.workOrderSubmit(params);
        assertThat(p.workOrderId()).startsWith("0x78b4");
        assertThat(p.encryptedRequestHash()).isEqualTo("fe006d528152");
        assertThat(p.inData().get(0).dataHash()).isNull();
        assertThat(p.inData().get(1).dataHash()).isEmpty();
    }

    @Test
    void workOrderResultWithAllFiveItemKeys() {
        assertRoundTrip(
                json(
                        "{'workOrderId':'645b','workloadId':'6563686f2d726573756c74','workerId':'0b03',"
                                + "'requesterId':'3e5c','workerNonce':'vbRIyaDenI70/7t5bY0vbx2fcVQyMrSoOiJYOyLPeF4=',"
                                + "'workerSignature':'MEQCIHCV41DDxzeZifOY5J0K5qTfWJVrWu7vb+nf4Pf267JqAiAWX6gB5RE812Q1Pwgd7J1ld8PNzrX5YQvhh89hC+bf1w==',"
                                + "'outData':[{'index':0,'dataHash':'84EA068A1326A99D02AF62D878FD15A5F2AFA8CF7BAAFADD95DA31165E3B45F1',"
                                + "'data':'weQekfy68Jgu0bHkhtf2tyi2KRd2bjbj09+03GQ=','encryptedDataEncryptionKey':'','iv':''}]}"),
                WorkOrderResult.class);
    }

    @Test
    void poolResultKeepsTheExtFields() {
        assertRoundTrip(
                json("{'workOrderId':'01','workloadId':'02','workerId':'03','requesterId':'04',"
                        + "'workerNonce':'n','workerSignature':'s','outData':[{'index':0,'data':'d'}],"
                        + "'extVerificationKey':'-----BEGIN PUBLIC KEY-----\\nX\\n-----END PUBLIC KEY-----\\n',"
                        + "'extVerificationKeySignature':'c2ln'}"),
                WorkOrderResult.class);
    }

    @Test
    void workerRecordAsAvalonStoresIt() {
        assertRoundTrip(
                json("{'workerType':1,'organizationId':'aabbcc1234ddeeff','applicationTypeId':'11aa22bb',"
                        + "'details':{'workOrderSyncUri':'','workOrderAsyncUri':'','workOrderPullUri':'',"
                        + "'workOrderNotifyUri':'','receiptInvocationUri':'','workOrderInvocationAddress':'',"
                        + "'receiptInvocationAddress':'','fromAddress':'','hashingAlgorithm':'SHA-256',"
                        + "'signingAlgorithm':'SECP256K1','keyEncryptionAlgorithm':'RSA-OAEP-3072',"
                        + "'dataEncryptionAlgorithm':'AES-GCM-256','workOrderPayloadFormats':'JSON-RPC',"
                        + "'workerTypeData':{'verificationKey':'-----BEGIN PUBLIC KEY-----\\nA\\n-----END PUBLIC KEY-----\\n',"
                        + "'extendedMeasurements':['basename','mrenclave'],'proofDataType':'TEE-SGX-IAS',"
                        + "'proofData':'','encryptionKey':'-----BEGIN PUBLIC KEY-----\\nB\\n-----END PUBLIC KEY-----\\n',"
                        + "'encryptionKeySignature':'3045022100AB'}},'status':1}"),
                WorkerRecord.class);
    }

    @Test
    void aNullEncryptionKeySignatureIsWrittenAsNullNotDropped() {
        JsonNode record =
                json("{'verificationKey':'v','proofData':'','encryptionKey':'e','encryptionKeySignature':null}");
        assertRoundTrip(record, WorkerTypeData.class);
        assertThat(ProtocolJson.toTree(new WorkerTypeData("v", null, null, "", "e", null, null, null))
                        .has("encryptionKeySignature"))
                .isTrue();
    }

    @Test
    void nameAndWorkloadsFollowAvalonsKeysAndAreOmittedWhenAbsent() {
        WorkerTypeData avalon = new WorkerTypeData("v", null, null, "", "e", null, "s", null);
        String avalonText = ProtocolJson.toText(avalon);
        assertThat(avalonText).doesNotContain("\"name\"").doesNotContain("\"workloads\"");
        WorkerTypeData advertised =
                avalon.withNameAndWorkloads("worker-1", java.util.List.of("heart-disease-eval", "echo-result"));
        // Avalon's keys are written byte for byte as before; Camelot's come last, names sorted.
        assertThat(ProtocolJson.toText(advertised))
                .isEqualTo(avalonText.substring(0, avalonText.length() - 1)
                        + ",\"name\":\"worker-1\",\"workloads\":[\"echo-result\",\"heart-disease-eval\"]}");
        assertRoundTrip(ProtocolJson.toTree(advertised), WorkerTypeData.class);
    }

    @Test
    void receiptShapes() {
        assertRoundTrip(
                json("{'workOrderId':'aa','workerServiceId':'bb','workerId':'bb','requesterId':'cc',"
                        + "'receiptCreateStatus':0,'workOrderRequestHash':'7FpN639ueNZkTjOhm6jfbpz1Fz+HUA+uA6XKhKK8uZs=',"
                        + "'requesterGeneratedNonce':'1234','requesterSignature':'MEUC','signatureRules':'SHA-256/SECP256K1',"
                        + "'receiptVerificationKey':'-----BEGIN PUBLIC KEY-----\\nA\\n-----END PUBLIC KEY-----\\n'}"),
                ReceiptCreateParams.class);
        assertRoundTrip(
                json(
                        "{'workOrderId':'aa','updaterId':'0b03','updateType':2,'updateData':'84EA',"
                                + "'updateSignature':'MEUC','signatureRules':'SHA-256/SECP256K1','receiptVerificationKey':'k'}"),
                ReceiptUpdateParams.class);
        assertRoundTrip(json("{'workOrderId':'aa','updateIndex':4294967296}"), ReceiptUpdateRetrieveParams.class);
        assertThat(Params.receiptUpdateRetrieve(json("{'workOrderId':'aa','updaterId':null,'updateIndex':1}"))
                        .updaterId())
                .isNull();
    }

    @Test
    void lookUpResultNamesTheLastIdAsTag() {
        assertThat(ProtocolJson.toTree(LookUpResult.of(java.util.List.of("a", "b"))))
                .isEqualTo(json("{'totalCount':2,'lookupTag':'b','ids':['a','b']}"));
        assertThat(ProtocolJson.toTree(LookUpResult.of(java.util.List.of())))
                .isEqualTo(json("{'totalCount':0,'lookupTag':'','ids':[]}"));
    }
}
