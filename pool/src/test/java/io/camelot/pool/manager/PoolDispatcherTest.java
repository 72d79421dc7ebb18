package io.camelot.pool.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.pool.InternalServer;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolMethod;
import io.camelot.pool.manager.PoolDispatcher.ProcessorState;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.WorkloadIds;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.store.LmdbTcsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dispatcher stores a WP's answer only as the pool's verified outcome of that work order
 * (review M6): a WP answering anything else is dropped and the work order goes to another WP, or
 * fails with a clear error when none is left. The WPs here are stand-ins that seal with the pool's
 * keys directly, as a WP and its WKM do together.
 */
class PoolDispatcherTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String POOL_ID = PoolReceiptsTest.POOL_ID;

    @TempDir
    Path dir;

    LmdbTcsStore store;
    PoolDispatcher dispatcher;
    PeerSecurity security;
    final PublicKeySign poolKey = Secp256k1.generate();
    final KeyWrapPrivateKey poolEncryptionKey = RsaOaep.generate();
    final List<InternalServer> wps = new ArrayList<>();

    @BeforeEach
    void start() {
        // One identity for every party here: signing is covered by PeerAuthenticationTest.
        security = PoolIdentities.generate(dir.resolve("keys"), List.of(), List.of())
                .managerSecurity(Clock.systemUTC());
        store = LmdbTcsStore.open(dir.resolve("store"));
        PoolReceiptsTest.putPoolRecord(store, poolKey);
        dispatcher = new PoolDispatcher(store, Clock.systemUTC(), TIMEOUT, security);
    }

    @AfterEach
    void stop() {
        wps.forEach(InternalServer::close);
        dispatcher.close();
        store.close();
        security.close();
    }

    /** What a WP that is not the pool's answers. */
    enum Forgery {
        /** A result signed with a key of its own. */
        SIGNED_BY_ANOTHER_KEY,
        /** A result the pool signed, of another work order. */
        RESULT_OF_ANOTHER_WORK_ORDER,
        /** An error naming another work order. */
        ERROR_OF_ANOTHER_WORK_ORDER
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aWpWhoseAnswerIsNotThePoolsIsDroppedAndTheWorkOrderCompletesOnAnotherWp(Forgery forgery) {
        // Registered first, so its slot is taken first.
        String rogue = wp(forged(forgery));
        String honest = wp(request -> sealed(request, poolKey));
        WorkOrderSubmitParams request = submit("01", EnvelopeVersion.CAMELOT_2);

        WorkOrderResponse outcome = process(request);

        assertThat(outcome.failed()).isFalse();
        ResponseOpener.verifySignature(outcome.result(), request, poolKey.verifier());
        assertThat(outcome.result().workOrderId()).isEqualTo(request.workOrderId());
        assertThat(dispatcher.processors())
                .extracting(ProcessorState::url)
                .containsExactly(honest)
                .doesNotContain(rogue);
    }

    @ParameterizedTest
    @EnumSource(EnvelopeVersion.class)
    void aResultSignedWithAnExtKeyThePoolVouchesForIsStored(EnvelopeVersion envelope) {
        String wp = wp(request -> {
            PublicKeySign perWorkOrder = Secp256k1.generate();
            String pem = perWorkOrder.verifier().pem();
            return WorkOrderResponse.of(sealed(request, perWorkOrder)
                    .result()
                    .withExtVerificationKey(pem, Signatures.extVerificationKeySignature(poolKey, pem, request)));
        });
        WorkOrderSubmitParams request = submit("02", envelope);

        WorkOrderResponse outcome = process(request);

        assertThat(outcome.result().extVerificationKey()).isNotNull();
        ResponseOpener.verifySignature(outcome.result(), request, poolKey.verifier());
        assertThat(dispatcher.processors()).extracting(ProcessorState::url).containsExactly(wp);
    }

    @Test
    void withNoWpLeftTheWorkOrderFailsWithAClearError() {
        wp(forged(Forgery.SIGNED_BY_ANOTHER_KEY));
        WorkOrderSubmitParams request = submit("03", EnvelopeVersion.CAMELOT_2);

        WorkOrderResponse outcome = process(request);

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.error().code()).isEqualTo(WorkOrderStatus.UNKNOWN_ERROR.code());
        assertThat(outcome.error().message())
                .startsWith("the worker pool could not process the work order: WP ")
                .contains("answered with a result the pool did not sign");
        assertThat(outcome.error().data().path("workOrderId").asText()).isEqualTo(request.workOrderId());
        assertThat(dispatcher.processors()).isEmpty();
    }

    @Test
    void aResultIsCheckedAgainstThePoolKeyTheWorkerDirectoryHoldsNowNotAnEarlierOne() {
        String first = wp(request -> sealed(request, poolKey));
        process(submit("05", EnvelopeVersion.CAMELOT_2));
        PublicKeySign rotated = Secp256k1.generate();
        PoolReceiptsTest.putPoolRecord(store, rotated);
        // The first WP still signs with the retired key: refused, and the work order goes to the next.
        String second = wp(request -> sealed(request, rotated));
        WorkOrderSubmitParams request = submit("06", EnvelopeVersion.CAMELOT_2);

        WorkOrderResponse outcome = process(request);

        ResponseOpener.verifySignature(outcome.result(), request, rotated.verifier());
        assertThat(dispatcher.processors())
                .extracting(ProcessorState::url)
                .containsExactly(second)
                .doesNotContain(first);
    }

    @Test
    void anErrorNamingTheWorkOrderIsItsOutcome() {
        String wp = wp(request -> WorkOrderResponse.of(new JsonRpcError(
                WorkOrderStatus.INVALID_WORKLOAD.code(),
                "no such workload",
                JsonNodeFactory.instance.objectNode().put("workOrderId", request.workOrderId()))));
        WorkOrderSubmitParams request = submit("04", EnvelopeVersion.CAMELOT_2);

        WorkOrderResponse outcome = process(request);

        assertThat(outcome.error().message()).isEqualTo("no such workload");
        assertThat(dispatcher.processors()).extracting(ProcessorState::url).containsExactly(wp);
    }

    /** A request to the pool, sealed to its encryption key and stored as the listener stores it. */
    private WorkOrderSubmitParams submit(String id, EnvelopeVersion envelope) {
        RequestTemplate template = new RequestTemplate(
                id.repeat(32),
                POOL_ID,
                WorkloadIds.of("echo-result"),
                "cc".repeat(32),
                "0a0b",
                6000L,
                null,
                List.of(InputSpec.text("hello")),
                List.of());
        WorkOrderSubmitParams request = RequestSealer.seal(
                        template.withEnvelope(envelope), poolEncryptionKey.publicKey(), null)
                .request();
        store.submit(request.workOrderId(), POOL_ID, Sha256.digest(request.workOrderId()), raw(request), 0);
        return request;
    }

    private static byte[] raw(WorkOrderSubmitParams request) {
        return ProtocolJson.toBytes(
                Map.of("jsonrpc", "2.0", "method", "WorkOrderSubmit", "id", 1, "params", ProtocolJson.toTree(request)));
    }

    private WorkOrderResponse process(WorkOrderSubmitParams request) {
        byte[] stored = dispatcher.process(new QueuedWorkOrder(request.workOrderId(), POOL_ID, request, raw(request)));
        assertThat(store.response(request.workOrderId()))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(stored));
        return ProtocolJson.bind(stored, WorkOrderResponse.class);
    }

    /** The echo result, sealed and signed with {@code signer}. */
    private WorkOrderResponse sealed(WorkOrderSubmitParams request, PublicKeySign signer) {
        var opened = RequestOpener.open(request, poolEncryptionKey);
        WorkOrderResult result = ResponseSealer.seal(
                opened,
                List.of(PlainItem.ofText(0, "echo " + opened.inputs().getFirst().text())),
                signer);
        return WorkOrderResponse.of(result);
    }

    private Answer forged(Forgery forgery) {
        return request -> switch (forgery) {
            case SIGNED_BY_ANOTHER_KEY -> sealed(request, Secp256k1.generate());
            case RESULT_OF_ANOTHER_WORK_ORDER -> sealed(submit("ff", request.envelope()), poolKey);
            case ERROR_OF_ANOTHER_WORK_ORDER ->
                WorkOrderResponse.of(new JsonRpcError(
                        WorkOrderStatus.FAILED.code(),
                        "failed",
                        JsonNodeFactory.instance.objectNode().put("workOrderId", "ff".repeat(32))));
        };
    }

    /**
     * Starts a WP that answers with {@code answer} and registers it with one slot; returns its url.
     */
    private String wp(Answer answer) {
        InternalServer server = InternalServer.start("127.0.0.1", 0, List.of(fakeProcessWorkOrder(answer)), security);
        wps.add(server);
        dispatcher.add(server.url(), 1, "", "");
        return server.url();
    }

    @FunctionalInterface
    interface Answer {
        WorkOrderResponse to(WorkOrderSubmitParams request);
    }

    /** A WP's ProcessWorkOrder that answers as {@code answer} says. */
    private static PoolMethod fakeProcessWorkOrder(Answer answer) {
        return PoolMethod.answering(
                PoolApi.PROCESS_WORK_ORDER,
                params -> Map.of("response", answer.to(Params.workOrderSubmit(params.get("request")))));
    }
}
