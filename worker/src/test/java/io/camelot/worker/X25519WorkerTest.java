package io.camelot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.SimulatedTee;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkerTypeData;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker that offers X25519 next to RSA-OAEP. */
class X25519WorkerTest {
    static WorkerKeys keys;

    @TempDir
    Path dir;

    TcsStore store;
    PersistentWorkOrderQueue queue;
    SingletonWorker worker;

    @BeforeAll
    static void generateKeys() {
        keys = WorkerKeys.generate(true);
    }

    @BeforeEach
    void start() {
        store = LmdbTcsStore.open(dir.resolve("store"), 64L << 20);
        queue = new PersistentWorkOrderQueue(store, QueueSettings.defaults(), Clock.systemUTC());
        worker = new SingletonWorker(
                WorkerConfig.defaults(), keys, tee(dir), Workloads.load(), store, Clock.systemUTC());
        worker.register();
        queue.attach(worker.workerId(), worker, 2);
    }

    @AfterEach
    void stop() {
        queue.close();
        store.close();
    }

    @Test
    void theRecordAdvertisesBothAndSignsTheX25519Key() {
        var details = worker.record().details();
        WorkerTypeData typeData = details.workerTypeData();

        assertThat(details.keyEncryptionAlgorithm()).isEqualTo("RSA-OAEP-3072,X25519-HKDF-SHA256-AES-GCM-256");
        assertThat(typeData.encryptionKey())
                .isEqualTo(keys.encryption().publicKey().pem());
        assertThat(typeData.x25519EncryptionKey())
                .isEqualTo(keys.x25519().orElseThrow().publicKey().pem());
        assertThat(Signatures.verifyEncryptionKeySignature(
                        keys.signing().verifier(),
                        typeData.x25519EncryptionKey(),
                        typeData.x25519EncryptionKeySignature()))
                .isTrue();
        assertThat(ProtocolJson.toTree(typeData).fieldNames())
                .toIterable()
                .endsWith("x25519EncryptionKey", "x25519EncryptionKeySignature");
    }

    @Test
    void anRsaOnlyWorkerPublishesNoX25519Fields() {
        SingletonWorker rsaOnly = new SingletonWorker(
                WorkerConfig.defaults(),
                new WorkerKeys(keys.signing(), keys.encryption()),
                tee(dir),
                Workloads.load(),
                store,
                Clock.systemUTC());
        assertThat(rsaOnly.record().details().keyEncryptionAlgorithm()).isEqualTo("RSA-OAEP-3072");
        assertThat(ProtocolJson.toTree(rsaOnly.record().details().workerTypeData())
                        .has("x25519EncryptionKey"))
                .isFalse();
    }

    @Test
    void processesWorkOrdersWrappedToEitherKey() throws Exception {
        KeyWrapPublicKey x25519 = X25519Hkdf.publicKeyFromPem(
                worker.record().details().workerTypeData().x25519EncryptionKey());

        assertThat(echo(x25519, "via X25519")).isEqualTo("RESULT: via X25519");
        assertThat(echo(keys.encryption().publicKey(), "via RSA")).isEqualTo("RESULT: via RSA");
    }

    @Test
    void anOldSealedFileGainsAnX25519KeyAndKeepsItsIdentity() {
        Path keyFile = dir.resolve("keys/worker.sealed");
        SimulatedTee tee = tee(dir);
        WorkerKeys legacy = WorkerKeys.loadOrCreate(keyFile, tee);

        WorkerKeys upgraded = WorkerKeys.loadOrCreate(keyFile, tee, true);
        WorkerKeys again = WorkerKeys.loadOrCreate(keyFile, tee, true);
        WorkerKeys withdrawn = WorkerKeys.loadOrCreate(keyFile, tee, false);

        assertThat(legacy.x25519()).isEmpty();
        assertThat(upgraded.signing().verifier().pem())
                .isEqualTo(legacy.signing().verifier().pem());
        assertThat(upgraded.encryption().publicKey().pem())
                .isEqualTo(legacy.encryption().publicKey().pem());
        assertThat(again.x25519().orElseThrow().publicKey().pem())
                .isEqualTo(upgraded.x25519().orElseThrow().publicKey().pem());
        assertThat(withdrawn.x25519()).isEmpty();
        assertThat(withdrawn.keyEncryptionAlgorithm()).isEqualTo("RSA-OAEP-3072");
        assertThat(WorkerKeys.loadOrCreate(keyFile, tee, true)
                        .x25519()
                        .orElseThrow()
                        .publicKey()
                        .pem())
                .isEqualTo(upgraded.x25519().orElseThrow().publicKey().pem());
    }

    String echo(KeyWrapPublicKey workerKey, String input) throws Exception {
        String id = HexFormat.of().formatHex(Sha256.digest(UUID.randomUUID().toString()));
        RequestSecrets secrets = RequestSealer.seal(
                new RequestTemplate(
                        id,
                        worker.workerId(),
                        HexFormat.of().formatHex("echo-result".getBytes(StandardCharsets.UTF_8)),
                        "22",
                        "00ff",
                        6000,
                        null,
                        List.of(InputSpec.text(input)),
                        List.of()),
                workerKey,
                Secp256k1.generate());
        byte[] raw =
                ProtocolJson.toBytes(JsonRpcRequest.of("WorkOrderSubmit", 1, ProtocolJson.toTree(secrets.request())));
        queue.submit(id, worker.workerId(), secrets.request(), WorkOrderHashes.requestHash(secrets.request()), raw);
        byte[] stored = queue.completion(id).get(20, TimeUnit.SECONDS);
        WorkOrderResponse response = ProtocolJson.mapper().readValue(stored, WorkOrderResponse.class);
        assertThat(response.failed()).as("%s", response.error()).isFalse();
        return ResponseOpener.open(response.result(), secrets, keys.signing().verifier()).stream()
                .map(PlainItem::text)
                .findFirst()
                .orElseThrow();
    }

    private static SimulatedTee tee(Path dir) {
        return SimulatedTee.open(dir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), Clock.systemUTC());
    }
}
