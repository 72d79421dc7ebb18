package io.camelot.pool.wkm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.attestation.SimulatedTee;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPeers;
import io.camelot.pool.PoolRole;
import io.camelot.pool.RpcCallException;
import io.camelot.pool.RpcClient;
import io.camelot.pool.wp.WpRuntime;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.security.RequestSigner;
import io.camelot.worker.Workloads;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WP over the pool link names its admission by the handle the WKM gave it; a WKM that does not
 * know the handle (here: restarted) answers REATTEST, and the WP attests a new identity and
 * completes its work order.
 */
class WpReattestTest {
    static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    final KeyPair member = RequestSigner.newKeyPair();
    final PeerSecurity security =
            new PeerSecurity(member, PoolPeers.of(Map.of(member.getPublic(), PoolRole.WP)), null, null, CLOCK);
    KeyManager keyManager;

    @AfterEach
    void close() {
        security.close();
    }

    /** A WKM on the sealed pool keys under {@code dir}, generating them on its first start. */
    WkmServer startWkm(boolean generate, int port) {
        keyManager = KeyManagerTest.keyManager(dir, CLOCK, "wkm", KeyManagerTest.policy(0, 0, false, ""), generate);
        return WkmServer.start(keyManager, "127.0.0.1", port, security);
    }

    RequestSecrets seal(String input) {
        return KeyManagerTest.seal(
                keyManager.workerInfo().path("encryptionKey").asText(),
                "cc".repeat(32),
                input,
                null,
                EnvelopeVersion.CAMELOT_2);
    }

    /** The output of an echo work order run by {@code wp}, opened with the pool key. */
    String echo(WpRuntime wp, String input) {
        RequestSecrets secrets = seal(input);
        WorkOrderResponse response = wp.process(ProtocolJson.toTree(secrets.request()));
        var poolKey = Secp256k1.verifierFromPem(
                keyManager.workerInfo().path("verificationKey").asText());
        return ResponseOpener.open(response.result(), secrets, poolKey)
                .getFirst()
                .text();
    }

    @Test
    void anUnknownAdmissionGetsReattestAndTheWpRecovers() {
        WkmServer first = startWkm(true, 0);
        String url = first.url();
        RpcClient link = new RpcClient(url, Duration.ofSeconds(30), security);
        WpRuntime wp = new WpRuntime(
                SimulatedTee.open(dir.resolve("tee"), KeyManagerTest.WP_MEASUREMENT, CLOCK),
                Workloads.load(),
                link,
                "",
                0);
        assertThat(echo(wp, "admitted")).isEqualTo("RESULT: admitted");
        first.close();

        // Restarted on the same keys and port, the WKM knows no admission, the WP's included.
        try (WkmServer restarted = startWkm(false, URI.create(url).getPort())) {
            Map<String, Object> unknown =
                    Map.of("request", ProtocolJson.toTree(seal("x").request()), "admission", "00".repeat(32));
            assertThatThrownBy(() -> link.call(PoolApi.PREPROCESS_WORKORDER, unknown))
                    .isInstanceOfSatisfying(
                            RpcCallException.class, e -> assertThat(e.code()).isEqualTo(PoolApi.REATTEST));
            assertThat(keyManager.admittedWps()).isZero();

            assertThat(echo(wp, "re-attested")).isEqualTo("RESULT: re-attested");
            assertThat(keyManager.admittedWps()).isEqualTo(1);
            assertThat(restarted.url()).isEqualTo(url);
        }
    }
}
