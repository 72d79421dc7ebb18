package io.camelot.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ParamsTest {
    static final String VALID_SUBMIT =
            "{'workOrderId':'0x1234abcd','responseTimeoutMSecs':6000,'payloadFormat':'JSON-RPC',"
                    + "'requesterNonce':'00ff','workloadId':'6563686f2d726573756c74','workerId':'0b03',"
                    + "'requesterId':'2222','sessionKeyIv':'000102030405060708090A0B','encryptedSessionKey':'AB',"
                    + "'encryptedRequestHash':'CD','requesterSignature':'','inData':[{'index':0,'data':'D2e6'}]}";

    static ObjectNode submit(Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) json(VALID_SUBMIT);
        change.accept(node);
        return node;
    }

    static JsonNode json(String text) {
        return ProtocolJson.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    /** The valid request with one inData item, {@code {"index": 0, "data": "eA=="}} changed by {@code edit}. */
    static JsonNode submitWithItem(Consumer<ObjectNode> edit) {
        return submit(n ->
                edit.accept(n.putArray("inData").addObject().put("index", 0).put("data", "eA==")));
    }

    @Test
    void theValidRequestPasses() {
        assertThat(Params.workOrderSubmit(json(VALID_SUBMIT)).workOrderId()).isEqualTo("0x1234abcd");
    }

    static Stream<Arguments> invalidSubmits() {
        return Stream.of(
                Arguments.of(submit(n -> n.remove("workOrderId")), "'workOrderId' is a required property"),
                Arguments.of(
                        submit(n -> n.remove("encryptedRequestHash")), "'encryptedRequestHash' is a required property"),
                Arguments.of(
                        submit(n -> n.remove("responseTimeoutMSecs")), "'responseTimeoutMSecs' is a required property"),
                Arguments.of(
                        submit(n -> n.put("foo", 1)), "Additional properties are not allowed ('foo' was unexpected)"),
                Arguments.of(submit(n -> n.put("workerId", "xyz")), "Invalid data format for workerId"),
                Arguments.of(submit(n -> n.put("workerId", "")), "Invalid data format for workerId"),
                Arguments.of(submit(n -> n.put("workOrderId", 12345)), "Invalid data format for workOrderId"),
                Arguments.of(
                        submit(n -> n.put("responseTimeoutMSecs", "6000")),
                        "Invalid data format for responseTimeoutMSecs"),
                Arguments.of(
                        submit(n -> n.put("responseTimeoutMSecs", 1.5)),
                        "Invalid data format for responseTimeoutMSecs"),
                Arguments.of(
                        submit(n -> n.put("workOrderId", "a".repeat(257))),
                        "Invalid data format for workOrderId: longer than 256 characters"),
                Arguments.of(
                        submit(n -> n.put("payloadFormat", "XML")), "Unsupported payload format found in the input"),
                Arguments.of(
                        submit(n -> n.put("dataEncryptionAlgorithm", "aes-gcm-256")),
                        "Unsupported dataEncryptionAlgorithm found in the request"),
                Arguments.of(submit(n -> n.remove("sessionKeyIv")), "invalid request; failed to retrieve sessionKeyIv"),
                Arguments.of(
                        submit(n -> n.put("sessionKeyIv", "0001")),
                        "Invalid data format for sessionKeyIv: expected 12 bytes as hex"),
                Arguments.of(
                        submit(n -> n.put("requesterSignature", "abc")), "Invalid data format for requesterSignature"),
                Arguments.of(
                        submit(n -> n.put("requesterSignature", "YWJj")),
                        "'verifyingKey' is a required property when requesterSignature is present"),
                Arguments.of(submit(n -> n.putArray("inData")), "Indata is empty"),
                Arguments.of(submit(n -> n.remove("inData")), "Indata is empty"),
                Arguments.of(
                        submit(n -> n.putArray("inData").addObject().put("data", "eA==")),
                        "'index' is a required property of inData[0]"),
                Arguments.of(
                        submit(n -> n.putArray("inData").addObject().put("index", 0)),
                        "'data' is a required property of inData[0]"),
                Arguments.of(submitWithItem(item -> item.put("data", "+/=")), "Invalid data format for inData[0].data"),
                Arguments.of(submitWithItem(item -> item.put("index", "0")), "Invalid data format for inData[0].index"),
                Arguments.of(submitWithItem(item -> item.put("iv", "zz")), "Invalid data format for inData[0].iv"),
                Arguments.of(
                        submitWithItem(item -> item.put("encryptedDataEncryptionKey", "key")),
                        "Invalid data format for inData[0].encryptedDataEncryptionKey"),
                Arguments.of(
                        submit(n -> {
                            var a = n.putArray("inData");
                            a.addObject().put("index", 0).put("data", "eA==");
                            a.addObject().put("index", 0).put("data", "eQ==");
                        }),
                        "Invalid data format for inData[1].index: duplicate index 0"),
                Arguments.of(
                        submit(n -> n.putArray("outData").addObject().put("data", "eA==")),
                        "'index' is a required property of outData[0]"));
    }

    @ParameterizedTest
    @MethodSource("invalidSubmits")
    void invalidSubmitsGetCodeTwoNamingTheField(JsonNode params, String message) {
        assertThatThrownBy(() -> Params.workOrderSubmit(params))
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(2))
                .hasMessage(message);
    }

    /** The linear base64 check accepts exactly what the strict regular expression accepts. */
    @Test
    void strictBase64CheckMatchesTheRegularExpression() {
        Pattern strict = Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");
        qt().withExamples(20_000)
                .forAll(strings().betweenCodePoints('(', 'z').ofLengthBetween(0, 12))
                .checkAssert(text -> {
                    String candidate = text.replace('(', '=').replace(')', '=').replace('*', '+');
                    assertThat(Params.isStrictBase64(candidate))
                            .as(candidate)
                            .isEqualTo(strict.matcher(candidate).matches());
                });
    }

    @ParameterizedTest
    @CsvSource({"'', true", "YWJj, true", "YQ==, true", "YWI=, true", "Y===, false", "YW J, false", "YW-_, false"})
    void strictBase64Examples(String text, boolean strict) {
        assertThat(Params.isStrictBase64(text)).isEqualTo(strict);
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreMalformedJson() {
        assertThatThrownBy(() -> json("{'a':1,'a':2}"))
                .isInstanceOf(EeaException.class)
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> json("{} {}"))
                .isInstanceOf(EeaException.class)
                .hasMessageStartingWith("Malformed JSON");
        assertThatThrownBy(() -> json("")).isInstanceOf(EeaException.class);
    }

    @Test
    void paramsMustBeAnObject() {
        assertThatThrownBy(() -> Params.workOrderId(json("[1]")))
                .isInstanceOf(EeaException.class)
                .hasMessage("Invalid data format for params: expected a JSON object");
    }

    @Test
    void lookupsAcceptEmptyParamsAndBothTagSpellings() {
        assertThat(Params.workerLookUp(json("{}")).tag()).isNull();
        assertThat(Params.workerLookUp(json("{'lookUpTag':'ab'}")).tag()).isEqualTo("ab");
        assertThat(Params.workerLookUp(json("{'lookupTag':'cd'}")).tag()).isEqualTo("cd");
        assertThatThrownBy(() -> Params.workerLookUp(json("{'workerType':4}")))
                .hasMessage("Invalid data format for workerType");
    }

    @Test
    void receiptStatusFilterReadsTheCurrentStatusOnlyWhenItFilters() {
        ReceiptStatusFilter two =
                Params.receiptLookUp(json("{'receiptStatus':'0x2'}")).status();
        assertThat(two.matches(() -> 2)).isTrue();
        assertThat(two.matches(() -> 3)).isFalse();
        assertThat(Params.receiptLookUp(json("{}")).status().matches(() -> {
                    throw new AssertionError("read a status without a filter");
                }))
                .isTrue();
    }

    @Test
    void receiptStatusFilterUnderEitherName() {
        assertThat(Params.receiptLookUp(json("{'requestCreateStatus':2}"))
                        .status()
                        .status())
                .hasValue(2L);
        assertThat(Params.receiptLookUp(json("{'receiptStatus':'0x3'}"))
                        .status()
                        .status())
                .hasValue(3L);
        assertThat(Params.receiptLookUp(json("{}")).status().status()).isEmpty();
        assertThatThrownBy(() -> Params.receiptLookUp(json("{'receiptStatus':'x'}")))
                .hasMessage("Invalid data format for receiptStatus");
        // Security review L3: these reached Long.parseLong and answered -32603 with a stack trace.
        assertThatThrownBy(() -> Params.receiptLookUp(json("{'receiptStatus':'ffffffffffffffff'}")))
                .hasMessage("Invalid data format for receiptStatus");
        assertThatThrownBy(() -> Params.receiptLookUp(json("{'receiptStatus':'0|1'}")))
                .hasMessage("Invalid data format for receiptStatus");
        assertThat(Params.receiptLookUp(json("{'receiptStatus':'0xfffffffffffffff'}"))
                        .status()
                        .status())
                .hasValue(0xfffffffffffffffL);
    }

    @Test
    void receiptChecks() {
        String create =
                "{'workOrderId':'aa','workerServiceId':'bb','workerId':'bb','requesterId':'cc','receiptCreateStatus':%s,"
                        + "'workOrderRequestHash':'7FpN639ueNZkTjOhm6jfbpz1Fz+HUA+uA6XKhKK8uZs=','requesterGeneratedNonce':'12',"
                        + "'signatureRules':'%s'}";
        assertThat(Params.receiptCreate(json(create.formatted(0, "SHA-256/SECP256K1")))
                        .receiptCreateStatus())
                .isZero();
        assertThatThrownBy(() -> Params.receiptCreate(json(create.formatted(9, "SHA-256/SECP256K1"))))
                .hasMessage("Invalid data format for receiptCreateStatus: expected 0 to 4");
        assertThatThrownBy(() -> Params.receiptCreate(json(create.formatted(0, "SHA-1/RSA"))))
                .hasMessage("Unsupported the signing rules");
        assertThatThrownBy(() -> Params.receiptUpdateRetrieve(json("{'workOrderId':'aa','updateIndex':0}")))
                .hasMessage("Update index should be positive non-zero number. Hence invalid parameter");
        String update = "{'workOrderId':'aa','updateType':300,'updateData':'%s'}";
        String longest = "d".repeat(Params.MAX_UPDATE_DATA_LENGTH);
        assertThat(Params.receiptUpdate(json(update.formatted(longest))).updateData())
                .isEqualTo(longest);
        assertThatThrownBy(() -> Params.receiptUpdate(json(update.formatted(longest + "d"))))
                .hasMessage("Invalid data format for updateData: longer than 1024 characters");
    }
}
