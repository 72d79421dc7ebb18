package io.camelot.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.attestation.SimulatedTee;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A singleton worker's encryption key rotation (security review L13). */
class KeyRotationTest extends QueuedWorkerTest {
    final MovingClock clock = new MovingClock();
    Path keyFile;
    SimulatedTee tee;
    String signingKey;

    @BeforeEach
    void start() {
        keyFile = dir.resolve("workers/worker.keys.sealed");
        tee = tee(dir);
        WorkerKeys keys = WorkerKeys.loadOrCreate(keyFile, tee, true);
        signingKey = keys.signing().verifier().pem();
        start(
                tcsStore -> new SingletonWorker(WorkerConfig.defaults(), keys, tee, Workloads.load(), tcsStore, clock),
                2);
    }

    @Test
    void aRotationSealsAndPublishesNewSignedKeysAndWorkOrdersSealedToTheOldOnesStillRun() throws Exception {
        WorkerTypeData before = published();
        RequestSecrets toOldRsa = seal(RsaOaep.publicKeyFromPem(before.encryptionKey()), "old RSA");
        RequestSecrets toOldX25519 = seal(X25519Hkdf.publicKeyFromPem(before.x25519EncryptionKey()), "old X25519");

        WorkerRecord rotated = worker.rotateEncryptionKey(keyFile);

        WorkerTypeData after = published();
        assertThat(rotated.details().workerTypeData()).isEqualTo(after);
        assertThat(after.encryptionKey()).isNotEqualTo(before.encryptionKey());
        assertThat(after.x25519EncryptionKey()).isNotEqualTo(before.x25519EncryptionKey());
        // The worker's identity stays; the new keys carry its signature.
        assertThat(after.verificationKey()).isEqualTo(signingKey);
        var verifier = Secp256k1.verifierFromPem(signingKey);
        assertThat(Signatures.verifyEncryptionKeySignature(
                        verifier, after.encryptionKey(), after.encryptionKeySignature()))
                .isTrue();
        assertThat(Signatures.verifyEncryptionKeySignature(
                        verifier, after.x25519EncryptionKey(), after.x25519EncryptionKeySignature()))
                .isTrue();
        // Sealed before use: a restart publishes the new keys and still holds the retired ones.
        WorkerKeys reloaded = WorkerKeys.loadOrCreate(keyFile, tee, true);
        assertThat(reloaded.encryption().publicKey().pem()).isEqualTo(after.encryptionKey());
        assertThat(reloaded.retired())
                .extracting(r -> r.key().publicKey().pem())
                .containsExactlyInAnyOrder(before.encryptionKey(), before.x25519EncryptionKey());

        assertThat(echo(toOldRsa)).isEqualTo("RESULT: old RSA");
        assertThat(echo(toOldX25519)).isEqualTo("RESULT: old X25519");
        assertThat(echo(seal(RsaOaep.publicKeyFromPem(after.encryptionKey()), "new RSA")))
                .isEqualTo("RESULT: new RSA");
        assertThat(echo(seal(X25519Hkdf.publicKeyFromPem(after.x25519EncryptionKey()), "new X25519")))
                .isEqualTo("RESULT: new X25519");
    }

    @Test
    void afterTheGraceTheRetiredKeyIsRefusedAtAdmissionThenDropped() throws Exception {
        KeyWrapPublicKey old = RsaOaep.publicKeyFromPem(published().encryptionKey());
        worker.rotateEncryptionKey(keyFile);
        KeyWrapPublicKey current = RsaOaep.publicKeyFromPem(published().encryptionKey());

        clock.advance(RetiredKeys.SINGLETON_GRACE.plusSeconds(1));
        RequestSecrets late = seal(old, "late");
        assertThatThrownBy(() -> submit(late.request())).isInstanceOfSatisfying(EeaException.class, e -> {
            assertThat(e.code()).isEqualTo(2);
            assertThat(e.data().path("reason").asText()).isEqualTo(RetiredKeys.REASON);
            assertThat(e.data().path("workOrderId").asText())
                    .isEqualTo(late.request().workOrderId());
        });
        assertThat(store.workOrder(late.request().workOrderId())).isEmpty();
        assertThat(echo(seal(current, "current"))).isEqualTo("RESULT: current");

        // Past the queue's allowance the retired keys leave the sealed file and the worker.
        clock.advance(RetiredKeys.QUEUE_ALLOWANCE);
        worker.dropRetiredKeys(keyFile);
        assertThat(WorkerKeys.loadOrCreate(keyFile, tee, true).retired()).isEmpty();
        assertThat(echo(seal(current, "still current"))).isEqualTo("RESULT: still current");
    }

    @Test
    void aRetiredKeyOpensWorkOrdersUntilTheAllowanceEndsThenAnswersWithTheReason() {
        WorkerKeys keys = WorkerKeys.loadOrCreate(keyFile, tee, true);
        long rotatedAt = clock.millis();
        WorkerKeys rotated = WorkerKeys.rotate(keyFile, tee, rotatedAt, true);
        var request = seal(keys.encryption().publicKey(), "queued").request();
        long lifetime =
                RetiredKeys.SINGLETON_GRACE.plus(RetiredKeys.QUEUE_ALLOWANCE).toMillis();

        assertThat(rotated.unwrapKeysFor(request, rotatedAt + lifetime, lifetime))
                .isNotNull();
        assertThatThrownBy(() -> rotated.unwrapKeysFor(request, rotatedAt + lifetime + 1, lifetime))
                .isInstanceOfSatisfying(
                        EeaException.class,
                        e -> assertThat(e.data().path("reason").asText()).isEqualTo(RetiredKeys.REASON));
    }

    WorkerTypeData published() {
        return ProtocolJson.bind(store.worker(worker.workerId()).orElseThrow(), WorkerRecord.class)
                .details()
                .workerTypeData();
    }

    RequestSecrets seal(KeyWrapPublicKey workerKey, String input) {
        return RequestSealer.seal(template(worker.workerId(), "echo-result", input), workerKey, Secp256k1.generate());
    }

    String echo(RequestSecrets secrets) throws Exception {
        WorkOrderResponse response = run(secrets.request());
        assertThat(response.failed()).as("%s", response.error()).isFalse();
        return ResponseOpener.open(response.result(), secrets, Secp256k1.verifierFromPem(signingKey)).stream()
                .map(PlainItem::text)
                .findFirst()
                .orElseThrow();
    }

    /** The system clock, moved ahead on demand. */
    static final class MovingClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }
}
