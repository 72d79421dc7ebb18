package io.camelot.protocol.envelope;

import static io.camelot.protocol.WireEdits.edited;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.requesterKey;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.workerEncryptionKey;
import static io.camelot.protocol.envelope.EnvelopeRoundTripTest.workerSigningKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependencies extension on the wire: strict validation, and integrity under the request hash.
 */
class DependenciesEnvelopeTest {
    static final String PREDECESSOR = "aa".repeat(32);

    @BeforeAll
    static void keys() {
        EnvelopeRoundTripTest.keys();
    }

    static RequestSecrets seal(Dependencies deps, List<InputSpec> inputs) {
        RequestTemplate base = EnvelopeRoundTripTest.template(inputs, List.of());
        RequestTemplate template = new RequestTemplate(
                base.workOrderId(),
                base.workerId(),
                base.workloadId(),
                base.requesterId(),
                base.requesterNonce(),
                base.responseTimeoutMSecs(),
                null,
                inputs,
                List.of(),
                deps);
        return RequestSealer.seal(template, workerEncryptionKey.publicKey(), requesterKey);
    }

    static Dependencies deps() {
        return new Dependencies(
                List.of(PREDECESSOR),
                List.of("ledger:rates"),
                List.of("wallet:alice", "wallet:bob"),
                List.of(new Dependencies.HandOff(1, PREDECESSOR, 0)));
    }

    static List<InputSpec> inputs() {
        return List.of(InputSpec.text("deposit"), new InputSpec.HandOffPlaceholder());
    }

    @Test
    void withoutTheExtensionTheRequestHashIsAvalonsAndNoFieldIsSent() {
        RequestSecrets plain = seal(null, List.of(InputSpec.text("x")));
        JsonNode wire = ProtocolJson.toTree(plain.request());
        assertThat(wire.has("dependencies")).isFalse();
        WorkOrderSubmitParams p = plain.request();
        WorkOrderSubmitParams avalonShape = edited(p, json -> json.remove(List.of("dependencies", "envelopeVersion")));
        assertThat(WorkOrderHashes.requestHash(avalonShape)).isEqualTo(WorkOrderHashes.requestHash(p));
    }

    @Test
    void theExtensionRoundTripsTheWireAndOpensWithItsPlaceholderEmpty() {
        RequestSecrets sealed = seal(deps(), inputs());
        WorkOrderSubmitParams received = Params.workOrderSubmit(ProtocolJson.toTree(sealed.request()));
        assertThat(received.dependencies()).isEqualTo(deps());
        OpenedRequest opened = RequestOpener.open(received, workerEncryptionKey);
        assertThat(opened.inputs().get(1).data()).isEmpty();
        assertThat(received.dependencies().canonicalText())
                .isEqualTo("after="
                        + PREDECESSOR
                        + "\nreads=ledger:rates\nwrites=wallet:alice,wallet:bob\ninputFrom=1;"
                        + PREDECESSOR
                        + ";0");
    }

    @Test
    void changingTheExtensionInTransitIsDetectedAsTampering() {
        RequestSecrets sealed = seal(deps(), inputs());
        List<Consumer<ObjectNode>> tamperings = List.of(
                d -> ((ArrayNode) d.get("writes")).remove(1),
                d -> d.remove("reads"),
                d -> ((ArrayNode) d.get("writes")).insert(0, "wallet:mallory"),
                d -> d.putArray("after"));
        for (Consumer<ObjectNode> tamper : tamperings) {
            ObjectNode wire = (ObjectNode) ProtocolJson.toTree(sealed.request());
            tamper.accept((ObjectNode) wire.get("dependencies"));
            if (wire.get("dependencies").get("after").isEmpty()) {
                ((ObjectNode) wire.get("dependencies")).remove("inputFrom");
            }
            WorkOrderSubmitParams received = Params.workOrderSubmit(wire);
            assertThatThrownBy(() -> RequestOpener.open(received, workerEncryptionKey))
                    .isInstanceOf(EeaException.class)
                    .hasMessageContaining("Request is tampered");
        }
        // Stripping the extension altogether is tampering too.
        ObjectNode stripped = (ObjectNode) ProtocolJson.toTree(sealed.request());
        stripped.remove("dependencies");
        assertThatThrownBy(() -> RequestOpener.open(Params.workOrderSubmit(stripped), workerEncryptionKey))
                .hasMessageContaining("Request is tampered");
    }

    @Test
    void paramsRefuseMalformedDependenciesNamingTheField() {
        assertRefused(d -> d.putArray("after").add(sealedId()), "cannot depend on itself (cycle)");
        assertRefused(d -> d.putArray("after").add(PREDECESSOR).add(PREDECESSOR), "duplicate id " + PREDECESSOR);
        assertRefused(d -> d.putArray("after").add("not-hex"), "dependencies.after[0]");
        assertRefused(d -> d.putArray("after").add(7), "dependencies");
        assertRefused(d -> d.putArray("writes").add("alice"), "dependencies.writes[0]");
        assertRefused(d -> d.putArray("reads").add("wallet:a,b"), "dependencies.reads[0]");
        assertRefused(d -> d.putArray("reads").add("wallet:" + "x".repeat(130)), "dependencies.reads[0]");
        assertRefused(d -> d.putArray("writes").add("wallet:a").add("wallet:a"), "duplicate resource wallet:a");
        assertRefused(
                d -> {
                    ArrayNode many = d.putArray("writes");
                    IntStream.range(0, 65).forEach(i -> many.add("r:" + i));
                },
                "more than 64 resources");
        assertRefused(
                d -> {
                    ArrayNode many = d.putArray("after");
                    IntStream.range(0, 65).forEach(i -> many.add(Integer.toHexString(0x1000 + i)));
                },
                "more than 64 ids");
        assertRefused(
                d -> d.putArray("inputFrom")
                        .addObject()
                        .put("index", 0)
                        .put("workOrderId", PREDECESSOR)
                        .put("outputIndex", 0),
                "is not listed in dependencies.after");
        assertRefused(
                d -> {
                    d.putArray("after").add(PREDECESSOR);
                    d.putArray("inputFrom")
                            .addObject()
                            .put("index", 0)
                            .put("workOrderId", PREDECESSOR)
                            .put("outputIndex", 0);
                },
                "with empty data");
        assertRefused(d -> d.put("priority", 1), "priority");
    }

    private static String sealedId() {
        return seal(null, List.of(InputSpec.text("x"))).request().workOrderId();
    }

    private static void assertRefused(Consumer<ObjectNode> edit, String message) {
        RequestSecrets sealed = seal(null, List.of(InputSpec.text("x")));
        ObjectNode wire = (ObjectNode) ProtocolJson.toTree(sealed.request());
        // Same id in every sealed request of this test (the template seeds its ids by input count).
        edit.accept(wire.putObject("dependencies"));
        assertThatThrownBy(() -> Params.workOrderSubmit(wire))
                .isInstanceOf(EeaException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((EeaException) e).code()).isEqualTo(2));
    }

    @Test
    void theWorkerSignatureCoversPredecessorLinks() {
        RequestSecrets sealed =
                seal(new Dependencies(List.of(PREDECESSOR), null, null, null), List.of(InputSpec.text("x")));
        OpenedRequest opened = RequestOpener.open(sealed.request(), workerEncryptionKey);
        var link = new WorkOrderResult.PredecessorLink(PREDECESSOR, "AB".repeat(32));
        WorkOrderResult result = ResponseSealer.sealChained(opened, opened.inputs(), workerSigningKey, List.of(link));
        ResponseOpener.verifySignature(result, sealed.request(), workerSigningKey.verifier());

        WorkOrderResult forged = edited(
                result,
                json -> json.set(
                        "predecessors",
                        ProtocolJson.toTree(
                                List.of(new WorkOrderResult.PredecessorLink(PREDECESSOR, "CD".repeat(32))))));
        assertThatThrownBy(() -> ResponseOpener.verifySignature(forged, sealed.request(), workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class);
        WorkOrderResult unlinked = edited(result, json -> json.remove("predecessors"));
        assertThatThrownBy(
                        () -> ResponseOpener.verifySignature(unlinked, sealed.request(), workerSigningKey.verifier()))
                .isInstanceOf(CryptoException.class);
    }
}
