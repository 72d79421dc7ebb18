package io.camelot.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which key the SDK wraps session keys to, given what the worker offers. */
class KeyEncryptionChoiceTest {
    private final FakeTcs tcs = new FakeTcs();

    Requester requester(boolean forceRsa) {
        return Requester.builder(tcs)
                .requesterKey(Secp256k1.generate())
                .pollBackoff(Duration.ofMillis(1), Duration.ofMillis(4))
                .forceRsaOaep(forceRsa)
                .allowSimulation()
                .build();
    }

    /** Submits an echo and returns the request as the TCS received it. */
    WorkOrderSubmitParams echo(Requester requester) {
        VerifiedWorker worker = requester.worker(FakeTcs.WORKER_ID);
        SubmittedWorkOrder submitted =
                requester.newWorkOrder(worker, "echo-result").input("hi").submit();
        assertThat(submitted.await().text(0)).isEqualTo("RESULT: hi");
        return tcs.requests.get(submitted.workOrderId());
    }

    @Test
    void picksX25519WhenTheWorkerOffersASignedKey() {
        tcs.offerX25519();
        VerifiedWorker worker = requester(false).worker(FakeTcs.WORKER_ID);

        assertThat(worker.sessionKeyWrap().algorithm()).isEqualTo(X25519Hkdf.ALGORITHM);
        assertThat(worker.sessionKeyWrap().pem())
                .isEqualTo(FakeTcs.X25519_KEY.publicKey().pem());
        assertThat(worker.encryptionKey().pem())
                .isEqualTo(FakeTcs.ENCRYPTION_KEY.publicKey().pem());
        assertThat(Hex.decode(echo(requester(false)).encryptedSessionKey())).hasSize(X25519Hkdf.WRAPPED_BYTES);
    }

    @Test
    void forcedRsaWrapsToTheRsaKeyAsAvalonClientsDo() {
        tcs.offerX25519();
        Requester requester = requester(true);

        assertThat(requester.worker(FakeTcs.WORKER_ID).sessionKeyWrap().algorithm())
                .isEqualTo("RSA-OAEP-3072");
        assertThat(Hex.decode(echo(requester).encryptedSessionKey())).hasSize(384);
    }

    @Test
    void anRsaOnlyWorkerGetsRsa() {
        assertThat(requester(false).worker(FakeTcs.WORKER_ID).sessionKeyWrap().algorithm())
                .isEqualTo("RSA-OAEP-3072");
    }

    @Test
    void anX25519KeyWhoseSignatureFailsIsNotUsed() {
        tcs.offerX25519();
        tcs.x25519KeySignature = Signatures.encryptionKeySignature(Secp256k1.generate(), tcs.x25519KeyPem);
        Requester requester = requester(false);

        assertThat(requester.worker(FakeTcs.WORKER_ID).sessionKeyWrap().algorithm())
                .isEqualTo("RSA-OAEP-3072");
        assertThat(Hex.decode(echo(requester).encryptedSessionKey())).hasSize(384);
    }
}
