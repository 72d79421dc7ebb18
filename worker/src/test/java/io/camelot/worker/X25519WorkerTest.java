package io.camelot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.attestation.SimulatedTee;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkerTypeData;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A worker that offers X25519 next to RSA-OAEP. */
class X25519WorkerTest extends QueuedWorkerTest {
    static WorkerKeys keys;

    @BeforeAll
    static void generateKeys() {
        keys = WorkerKeys.generate(true);
    }

    @BeforeEach
    void start() {
        start(
                tcsStore -> new SingletonWorker(
                        WorkerConfig.defaults(), keys, tee(dir), Workloads.load(), tcsStore, Clock.systemUTC()),
                2);
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
        RequestSecrets secrets =
                RequestSealer.seal(template(worker.workerId(), "echo-result", input), workerKey, Secp256k1.generate());
        WorkOrderResponse response = run(secrets.request());
        assertThat(response.failed()).as("%s", response.error()).isFalse();
        return ResponseOpener.open(response.result(), secrets, keys.signing().verifier()).stream()
                .map(PlainItem::text)
                .findFirst()
                .orElseThrow();
    }
}
