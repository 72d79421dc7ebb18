package io.camelot.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.envelope.EnvelopeAad;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/envelope-vector.json, the camelot-2 test vector of docs/envelope.md §8, checked with nothing
 * but the spec's rules: hashes recomputed, every ciphertext opened under its associated data, both
 * signatures verified. Regenerate it with {@code -Dcamelot.docs.write=true}.
 */
class EnvelopeVectorTest {
    private static final String FILE = "docs/envelope-vector.json";

    @Test
    void theCommittedVectorFollowsTheSpec() throws IOException {
        Path path = repositoryRoot().resolve(FILE);
        if (Boolean.getBoolean("camelot.docs.write")) {
            Files.writeString(
                    path, ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(generate()) + "\n");
        }
        JsonNode vector = ProtocolJson.parse(Files.readAllBytes(path));
        WorkOrderSubmitParams request = Params.workOrderSubmit(vector.get("request"));
        WorkOrderResult result = ProtocolJson.bind(vector.get("result"), WorkOrderResult.class);
        byte[] sessionKey = Hex.decode(vector.path("sessionKey").asText());
        String id = request.workOrderId();

        byte[] requestHash = WorkOrderHashes.requestHash(request);
        assertThat(Hex.upper(requestHash)).isEqualTo(vector.path("requestHash").asText());
        assertThat(Hex.upper(EnvelopeAad.of(EnvelopeAad.REQUEST_HASH, 0, id)))
                .isEqualTo(vector.path("aad").path("request-hash/0").asText());
        assertThat(AesGcm.of(sessionKey)
                        .openDetached(
                                Hex.decode(request.sessionKeyIv()),
                                Hex.decode(request.encryptedRequestHash()),
                                EnvelopeAad.of(EnvelopeAad.REQUEST_HASH, 0, id)))
                .isEqualTo(requestHash);
        assertThat(Secp256k1.verifierFromPem(request.verifyingKey())
                        .verifyDigest(requestHash, Base64.getDecoder().decode(request.requesterSignature())))
                .isTrue();
        for (DataItem item : request.inData()) {
            assertThat(Hex.upper(EnvelopeAad.of(EnvelopeAad.IN, item.index(), id)))
                    .isEqualTo(vector.path("aad").path("in/" + item.index()).asText());
            byte[] plaintext = AesGcm.of(sessionKey)
                    .openDetached(
                            Hex.decode(item.iv()),
                            Base64.getDecoder().decode(item.data()),
                            EnvelopeAad.of(EnvelopeAad.IN, item.index(), id));
            assertThat(new String(plaintext, StandardCharsets.UTF_8))
                    .isEqualTo(vector.path("inputs").get(item.index()).asText());
        }

        byte[] responseHash = WorkOrderHashes.responseHash(result, requestHash);
        assertThat(Hex.upper(responseHash))
                .isEqualTo(vector.path("responseHash").asText());
        assertThat(Secp256k1.verifierFromPem(
                                vector.path("workerVerificationKey").asText())
                        .verifyDigest(responseHash, Base64.getDecoder().decode(result.workerSignature())))
                .isTrue();
        List<PlainItem> outputs = ResponseOpener.open(
                result,
                new RequestSecrets(request, sessionKey, Hex.decode(request.sessionKeyIv())),
                Secp256k1.verifierFromPem(vector.path("workerVerificationKey").asText()));
        for (PlainItem output : outputs) {
            assertThat(Hex.upper(EnvelopeAad.of(EnvelopeAad.OUT, output.index(), id)))
                    .isEqualTo(vector.path("aad").path("out/" + output.index()).asText());
            assertThat(output.text())
                    .isEqualTo(vector.path("outputs").get(output.index()).asText());
        }
    }

    /** A fresh vector: a signed two-input echo work order and the worker's result. */
    private static ObjectNode generate() {
        KeyWrapPrivateKey workerKey = RsaOaep.generate();
        PublicKeySign workerSigningKey = Secp256k1.generate();
        List<String> inputs = List.of("Hello", "camelot-2");
        RequestTemplate template = new RequestTemplate(
                        "1d4c5e2f",
                        "6f1a",
                        Hex.upper("echo-result".getBytes(StandardCharsets.UTF_8))
                                .toLowerCase(),
                        "2e7b",
                        "5a0d3c",
                        6000,
                        null,
                        inputs.stream().map(InputSpec::text).toList(),
                        List.of())
                .withEnvelope(EnvelopeVersion.CAMELOT_2);
        RequestSecrets secrets = RequestSealer.seal(template, workerKey.publicKey(), Secp256k1.generate());
        OpenedRequest opened = RequestOpener.open(secrets.request(), workerKey);
        List<PlainItem> outputs = opened.inputs().stream()
                .map(in -> PlainItem.ofText(in.index(), "RESULT: " + in.text()))
                .toList();
        WorkOrderResult result = ResponseSealer.seal(opened, outputs, workerSigningKey);
        String id = template.workOrderId();

        ObjectNode vector = JsonNodeFactory.instance.objectNode();
        vector.put(
                "about",
                "A camelot-2 work order and its result with the session key revealed (docs/envelope.md §8). Hex is"
                        + " upper case; aad values are the canonical AAD bytes; inputs and outputs are the UTF-8 plaintexts by index.");
        vector.put("sessionKey", Hex.upper(secrets.sessionKey()));
        vector.put("workerVerificationKey", workerSigningKey.verifier().pem());
        vector.put("requestHash", Hex.upper(opened.requestHash()));
        vector.put("responseHash", Hex.upper(WorkOrderHashes.responseHash(result, opened.requestHash())));
        ObjectNode aad = vector.putObject("aad");
        aad.put("request-hash/0", Hex.upper(EnvelopeAad.of(EnvelopeAad.REQUEST_HASH, 0, id)));
        for (int i = 0; i < inputs.size(); i++) {
            aad.put("in/" + i, Hex.upper(EnvelopeAad.of(EnvelopeAad.IN, i, id)));
            aad.put("out/" + i, Hex.upper(EnvelopeAad.of(EnvelopeAad.OUT, i, id)));
        }
        inputs.forEach(vector.putArray("inputs")::add);
        outputs.forEach(output -> vector.withArray("outputs").add(output.text()));
        vector.set("request", ProtocolJson.toTree(secrets.request()));
        vector.set("result", ProtocolJson.toTree(result));
        return vector;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a directory with mvnw) above "
                + Path.of("").toAbsolutePath());
    }
}
