package io.camelot.pool.wp;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.SimulatedTee;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolPeers;
import io.camelot.pool.PoolPolicy;
import io.camelot.pool.PoolRole;
import io.camelot.pool.RpcClient;
import io.camelot.pool.wkm.KeyManager;
import io.camelot.pool.wkm.WkmServer;
import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkloadIds;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.security.RequestSigner;
import io.camelot.store.LmdbTcsStore;
import io.camelot.worker.SingletonWorker;
import io.camelot.worker.WorkerConfig;
import io.camelot.worker.WorkerKeys;
import io.camelot.worker.Workloads;
import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One workload answers with the same EEA code and message on a singleton worker and on a pool WP:
 * each failure kind runs through both engines, built as their processes build them.
 */
class ExecutionParityTest {
    static final Clock CLOCK = Clock.systemUTC();
    static final byte[] WKM_MEASUREMENT = Hex.decode("11".repeat(32));
    static final byte[] WP_MEASUREMENT = Hex.decode("22".repeat(32));

    /** Fails as its input says: a {@link WorkloadException.Reason}, "crash", "empty" or "null". */
    static final Workload PARITY = new Workload() {
        @Override
        public String name() {
            return "parity";
        }

        @Override
        public List<Item> process(List<Item> inputs, WorkloadContext context) {
            String how = inputs.getFirst().text();
            return switch (how) {
                case "crash" -> throw new IllegalStateException("a bug in the workload");
                case "empty" -> List.of();
                case "null" -> null;
                default -> throw new WorkloadException(WorkloadException.Reason.valueOf(how), "refused: " + how);
            };
        }
    };

    // Both engines are shared by the tests: each work order has its own id, and keys take seconds.
    @TempDir
    static Path dir;

    static final Workloads workloads = Workloads.load().with(List.of(PARITY));
    static final WorkerKeys workerKeys = WorkerKeys.generate();
    static LmdbTcsStore store;
    static PersistentWorkOrderQueue queue;
    static SingletonWorker singleton;
    static KeyManager keyManager;
    static WkmServer wkm;
    static WpRuntime wp;
    static PeerSecurity security;

    @BeforeAll
    static void start() {
        store = LmdbTcsStore.open(dir.resolve("store"), 64L << 20);
        queue = new PersistentWorkOrderQueue(store, QueueSettings.defaults(), CLOCK);
        singleton = new SingletonWorker(
                WorkerConfig.defaults(),
                workerKeys,
                SimulatedTee.open(dir.resolve("tee"), WKM_MEASUREMENT, CLOCK),
                workloads,
                store,
                CLOCK);
        queue.attach(singleton.workerId(), singleton, 1);

        PoolPolicy policy = new PoolPolicy(
                List.of(Hex.upper(WP_MEASUREMENT)), true, 0, 0, true, false, Duration.ofSeconds(60), "", false);
        keyManager = new KeyManager(
                SimulatedTee.open(dir.resolve("tee"), WKM_MEASUREMENT, CLOCK),
                Hex.upper(WKM_MEASUREMENT),
                policy,
                dir.resolve("wkm/pool-keys.sealed"),
                new ProofDataVerifier(),
                CLOCK,
                true);
        KeyPair peer = RequestSigner.newKeyPair();
        security = new PeerSecurity(peer, PoolPeers.of(Map.of(peer.getPublic(), PoolRole.WP)), null, null, CLOCK);
        wkm = WkmServer.start(keyManager, "127.0.0.1", 0, security);
        wp = new WpRuntime(
                SimulatedTee.open(dir.resolve("tee"), WP_MEASUREMENT, CLOCK),
                workloads,
                new RpcClient(wkm.url(), Duration.ofSeconds(30), security),
                "",
                0);
    }

    @AfterAll
    static void stop() {
        wkm.close();
        security.close();
        queue.close();
        store.close();
    }

    /** The same work order (same id and inputs) sealed for the singleton and for the pool. */
    record Sealed(RequestSecrets singleton, RequestSecrets pool) {}

    Sealed seal(String workload, String input) {
        RequestTemplate template = new RequestTemplate(
                Hex.upper(Sha256.digest(UUID.randomUUID().toString())),
                singleton.workerId(),
                WorkloadIds.of(workload),
                "cc".repeat(32),
                "00ff",
                6000L,
                null,
                List.of(InputSpec.text(input)),
                List.of());
        KeyWrapPublicKey poolKey = RsaOaep.publicKeyFromPem(
                keyManager.workerInfo().path("encryptionKey").asText());
        return new Sealed(
                RequestSealer.seal(template, workerKeys.encryption().publicKey(), null),
                RequestSealer.seal(template, poolKey, null));
    }

    WorkOrderResponse onSingleton(WorkOrderSubmitParams params) throws Exception {
        byte[] raw = ProtocolJson.toBytes(JsonRpcRequest.of("WorkOrderSubmit", 1, ProtocolJson.toTree(params)));
        queue.submit(params.workOrderId(), params.workerId(), params, WorkOrderHashes.requestHash(params), raw);
        byte[] stored = queue.completion(params.workOrderId()).get(20, TimeUnit.SECONDS);
        return ProtocolJson.mapper().readValue(stored, WorkOrderResponse.class);
    }

    WorkOrderResponse onWp(WorkOrderSubmitParams params) {
        return wp.process(ProtocolJson.toTree(params));
    }

    /**
     * Both engines' errors, asserted identical (code, message and data) and equal to the expected
     * code and message.
     */
    void assertSameError(String workload, String input, int code, String message) throws Exception {
        Sealed sealed = seal(workload, input);
        JsonRpcError onSingleton = onSingleton(sealed.singleton().request()).error();
        JsonRpcError onWp = onWp(sealed.pool().request()).error();

        assertThat(onWp).as("WP error for %s", input).isEqualTo(onSingleton);
        assertThat(onSingleton.code()).as(input).isEqualTo(code);
        assertThat(onSingleton.message()).as(input).isEqualTo(message);
        assertThat(onSingleton.data().path("workOrderId").asText())
                .isEqualTo(sealed.singleton().request().workOrderId());
    }

    @ParameterizedTest
    @CsvSource({
        "INVALID_INPUT, 2, refused: INVALID_INPUT",
        "ACCESS_DENIED, 3, refused: ACCESS_DENIED",
        "FAILED, 1, refused: FAILED",
        "RESOURCE_LIMIT, 1, refused: RESOURCE_LIMIT",
        "crash, 10, unknown internal error",
        "empty, 1, workload parity produced no output",
        "null, 1, workload parity produced no output",
    })
    void eachFailureKindHasOneCodeAndMessageOnBothEngines(String input, int code, String message) throws Exception {
        assertSameError("parity", input, code, message);
    }

    @Test
    void anUnknownWorkloadIsCodeNineOnBothEngines() throws Exception {
        assertSameError(
                "no-such-workload",
                "x",
                9,
                "Workload cannot be processed by this worker: it has no workload \"no-such-workload\"; it runs "
                        + String.join(", ", workloads.names()));
    }

    @Test
    void aSuccessOpensToTheSameOutputsOnBothEngines() throws Exception {
        Sealed sealed = seal("echo-result", "Hello");
        WorkOrderResponse onSingleton = onSingleton(sealed.singleton().request());
        WorkOrderResponse onWp = onWp(sealed.pool().request());

        var poolVerifier = Secp256k1.verifierFromPem(
                keyManager.workerInfo().path("verificationKey").asText());
        assertThat(ResponseOpener.open(
                        onSingleton.result(),
                        sealed.singleton(),
                        workerKeys.signing().verifier()))
                .extracting(PlainItem::text)
                .containsExactly("RESULT: Hello");
        assertThat(ResponseOpener.open(onWp.result(), sealed.pool(), poolVerifier))
                .extracting(PlainItem::text)
                .containsExactly("RESULT: Hello");
    }
}
