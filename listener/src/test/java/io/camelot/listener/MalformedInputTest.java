package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.jsonrpc.InvokingProcessor;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven malformed input: each row is a request body built from a valid one, and the exact
 * JSON-RPC error code and message it must get. Rows marked {@code afterRun} are admitted (the
 * listener cannot see inside ciphertexts and signatures) and must fail in the worker, with the
 * result stored as that work order's outcome. Every reply is HTTP 200 with a JSON-RPC body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest {
    static final int MAX_BODY = 16 * 1024;
    static final String TAMPERED_HASH = "Decryption of client request hash failed. Request is tampered.";

    @TempDir
    static Path directory;

    private TestTcs tcs;

    @BeforeAll
    void start() {
        ListenerConfig config = new ListenerConfig(
                        "127.0.0.1", 0, MAX_BODY, false, java.time.Duration.ofSeconds(5), false)
                .withSecurity(ListenerSecurity.defaults().withItemLimits(8, 4096));
        tcs = TestTcs.start(directory, config, 1000, true);
    }

    @AfterAll
    void stop() {
        tcs.close();
    }

    /**
     * @param body the request body, from a fresh valid signed WorkOrderSubmit's params
     * @param afterRun the error comes from the worker (WorkOrderGetResult), not from the submit
     */
    record Case(String name, Function<TestTcs, byte[]> body, boolean afterRun, int code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Case envelope(String name, String body, int code, String message) {
        return new Case(name, t -> utf8(body), false, code, message);
    }

    static Case raw(String name, byte[] body, int code, String message) {
        return new Case(name, t -> body, false, code, message);
    }

    /** A valid signed submit whose params are then changed by {@code edit}. */
    static Case submit(String name, UnaryOperator<ObjectNode> edit, boolean afterRun, int code, String message) {
        return new Case(
                name,
                t -> {
                    RequestSecrets secrets =
                            t.seal(List.of(new InputSpec.SessionKey(utf8("hello"), true)), Secp256k1.generate(), null);
                    ObjectNode params = edit.apply((ObjectNode) ProtocolJson.toTree(secrets.request()));
                    return ProtocolJson.toBytes(JsonRpcRequest.of("WorkOrderSubmit", 1, params));
                },
                afterRun,
                code,
                message);
    }

    /** The same signed request sent a second time: refused, and it never runs again. */
    static Case replayed() {
        return new Case(
                "replayed work order id",
                t -> {
                    RequestSecrets secrets = t.seal(List.of(InputSpec.text("once")), Secp256k1.generate(), null);
                    byte[] body = ProtocolJson.toBytes(
                            JsonRpcRequest.of("WorkOrderSubmit", 1, ProtocolJson.toTree(secrets.request())));
                    assertThat(ProtocolJson.parse(t.post("/", body).body())
                                    .path("error")
                                    .path("code")
                                    .asInt())
                            .isEqualTo(5);
                    return body;
                },
                false,
                2,
                "Work order id already exists in the database. Hence invalid parameter");
    }

    static ObjectNode nineItems(ObjectNode params) {
        var items = params.withArray("inData");
        for (int i = 1; i < 9; i++) {
            items.add(((ObjectNode) items.get(0).deepCopy()).put("index", i));
        }
        return params;
    }

    static UnaryOperator<ObjectNode> set(String field, String value) {
        return p -> p.put(field, value);
    }

    static UnaryOperator<ObjectNode> setItem(String field, String value) {
        return p -> {
            ((ObjectNode) p.withArray("inData").get(0)).put(field, value);
            return p;
        };
    }

    /** Flips one bit in the middle of a hex or base64 field, keeping its format valid. */
    static UnaryOperator<ObjectNode> tamper(String field) {
        return p -> p.put(field, flip(p.path(field).asText()));
    }

    static UnaryOperator<ObjectNode> tamperItem(String field) {
        return p -> {
            ObjectNode item = (ObjectNode) p.withArray("inData").get(0);
            item.put(field, flip(item.path(field).asText()));
            return p;
        };
    }

    static String flip(String encoded) {
        boolean hex = encoded.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        byte[] bytes =
                hex ? HexFormat.of().parseHex(encoded) : Base64.getDecoder().decode(encoded);
        bytes[bytes.length / 2] ^= 0x01;
        return hex ? HexFormat.of().formatHex(bytes) : Base64.getEncoder().encodeToString(bytes);
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static byte[] invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                utf8("{\"jsonrpc\":\"2.0\",\"method\":\"WorkOrderGetResult\",\"id\":1,\"params\":{\"workOrderId\":\""));
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        out.writeBytes(utf8("\"}}"));
        return out.toByteArray();
    }

    static Stream<Case> cases() {
        String lookUp = "\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":1";
        return Stream.of(
                // Envelope
                envelope("empty body", "", 2, "Empty request body"),
                envelope(
                        "truncated JSON",
                        "{\"jsonrpc\":\"2.0\",\"method\":",
                        2,
                        "Malformed JSON: Unexpected end-of-input within/between Object entries"),
                envelope("not an object", "[1,2,3]", 2, "Invalid data format for request: expected a JSON object"),
                envelope(
                        "id of the wrong type",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":true,\"params\":{}}",
                        2,
                        "Invalid data format for id"),
                envelope(
                        "method of the wrong type",
                        "{\"jsonrpc\":\"2.0\",\"method\":5,\"id\":1,\"params\":{}}",
                        2,
                        "Invalid data format for method"),
                envelope(
                        "params of the wrong type",
                        "{" + lookUp + ",\"params\":[]}",
                        2,
                        "Invalid data format for params"),
                envelope(
                        "wrong jsonrpc version",
                        "{\"jsonrpc\":\"1.0\",\"method\":\"WorkerLookUp\",\"id\":1,\"params\":{}}",
                        2,
                        "Invalid data format for jsonrpc"),
                envelope(
                        "unknown method",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"DropTables\",\"id\":1,\"params\":{}}",
                        2,
                        InvokingProcessor.METHOD_NOT_SUPPORTED),
                envelope(
                        "duplicate keys",
                        "{" + lookUp + ",\"id\":2,\"params\":{}}",
                        2,
                        "Malformed JSON: Duplicate field 'id'"),
                envelope(
                        "duplicate keys in params",
                        "{" + lookUp + ",\"params\":{\"workerType\":1,\"workerType\":2}}",
                        2,
                        "Malformed JSON: Duplicate field 'workerType'"),
                envelope(
                        "huge integer id",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":"
                                + "9".repeat(2000)
                                + ",\"params\":{}}",
                        2,
                        "Malformed JSON: Number value length (2000) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)"),
                envelope(
                        "huge number in params",
                        "{" + lookUp + ",\"params\":{\"workerType\":1e400}}",
                        2,
                        "Invalid data format for workerType"),
                envelope(
                        "integer overflow in params",
                        "{" + lookUp + ",\"params\":{\"workerType\":99999999999999999999}}",
                        2,
                        "Invalid data format for workerType"),
                envelope(
                        "deep nesting",
                        "{" + lookUp + ",\"params\":{\"workerType\":" + nested(5000) + "}}",
                        2,
                        "Malformed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"),
                envelope(
                        "trailing garbage",
                        "{" + lookUp + ",\"params\":{}} {}",
                        2,
                        "Malformed JSON: Trailing token (of type START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"),
                raw("invalid UTF-8", invalidUtf8(), 2, "Malformed JSON: Invalid UTF-8 middle byte 0x28"),
                raw("oversized body", new byte[MAX_BODY + 1000], 2, "Request body exceeds " + MAX_BODY + " bytes"),
                // Work order params: wrong types, sizes and encodings
                submit(
                        "responseTimeoutMSecs as text",
                        p -> p.put("responseTimeoutMSecs", "soon"),
                        false,
                        2,
                        "Invalid data format for responseTimeoutMSecs"),
                submit(
                        "responseTimeoutMSecs huge",
                        p -> p.put("responseTimeoutMSecs", new java.math.BigInteger("9".repeat(40))),
                        false,
                        2,
                        "Invalid data format for responseTimeoutMSecs"),
                submit("inData not an array", p -> p.put("inData", "x"), false, 2, "Invalid data format for inData"),
                submit(
                        "too many items",
                        MalformedInputTest::nineItems,
                        false,
                        2,
                        "Too many inData items: 9, at most 8 allowed"),
                submit(
                        "item too large",
                        setItem("data", Base64.getEncoder().encodeToString(new byte[4000])),
                        false,
                        2,
                        "inData[0].data is too long: at most 4096 characters allowed"),
                submit(
                        "non-hex workOrderId",
                        set("workOrderId", "0xnothex"),
                        false,
                        2,
                        "Invalid data format for workOrderId"),
                submit(
                        "non-hex requesterNonce",
                        set("requesterNonce", "zz"),
                        false,
                        2,
                        "Invalid data format for requesterNonce"),
                submit(
                        "truncated base64 data",
                        setItem("data", "QUJD="),
                        false,
                        2,
                        "Invalid data format for inData[0].data"),
                submit(
                        "truncated base64 signature",
                        set("requesterSignature", "QUJD="),
                        false,
                        2,
                        "Invalid data format for requesterSignature"),
                submit(
                        "truncated sessionKeyIv",
                        p -> p.put(
                                "sessionKeyIv", p.path("sessionKeyIv").asText().substring(0, 16)),
                        false,
                        2,
                        "Invalid data format for sessionKeyIv: expected 12 bytes as hex"),
                submit(
                        "encryptedSessionKey of the wrong size",
                        set("encryptedSessionKey", "00112233445566778899"),
                        true,
                        2,
                        "Crypto Error (DecryptMessage): RSA ciphertext size is invalid"),
                submit(
                        "verifyingKey that is not a key",
                        set("verifyingKey", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
                        true,
                        2,
                        "Invalid data format for verifyingKey: Malformed SubjectPublicKeyInfo"),
                // Tampering: well-formed, but not what the requester sealed and signed
                submit("tampered encryptedRequestHash", tamper("encryptedRequestHash"), true, 2, TAMPERED_HASH),
                submit(
                        "tampered requesterSignature",
                        tamper("requesterSignature"),
                        true,
                        2,
                        "Signature verification of client request failed. Request is tampered."),
                submit(
                        "tampered encryptedSessionKey",
                        tamper("encryptedSessionKey"),
                        true,
                        2,
                        "Crypto Error (DecryptMessage): RSA-OAEP unwrap failed"),
                submit("tampered requesterNonce", tamper("requesterNonce"), true, 2, TAMPERED_HASH),
                submit("tampered inData ciphertext", tamperItem("data"), true, 2, TAMPERED_HASH),
                submit("tampered inData dataHash", tamperItem("dataHash"), true, 2, TAMPERED_HASH),
                submit("tampered sessionKeyIv", tamper("sessionKeyIv"), true, 2, TAMPERED_HASH),
                replayed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMalformedInputGetsItsDocumentedError(Case c) {
        byte[] body = c.body().apply(tcs);
        HttpResponse<byte[]> response = tcs.post("/", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode answer = ProtocolJson.parse(response.body());
        if (c.afterRun()) {
            assertThat(answer.path("error").path("code").asInt())
                    .as(answer.toString())
                    .isEqualTo(5);
            answer = tcs.awaitOutcome(
                    ProtocolJson.parse(body).path("params").path("workOrderId").asText());
        }
        assertThat(answer.has("result")).as(answer.toString()).isFalse();
        assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.path("error").path("code").asInt(-1))
                .as(answer.toString())
                .isEqualTo(c.code());
        assertThat(answer.path("error").path("message").asText())
                .as(answer.toString())
                .isEqualTo(c.message());
    }
}
