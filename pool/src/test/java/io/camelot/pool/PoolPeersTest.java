package io.camelot.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.security.PemFiles;
import io.camelot.security.RequestSigner;
import io.camelot.security.SignedRequests;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peers file names each key's role, and a key without one is refused. */
class PoolPeersTest {
    @TempDir
    Path dir;

    @Test
    void rolesRoundTripAndPlainPemReadersStillReadTheKeys() {
        Map<PublicKey, PoolRole> roles = new LinkedHashMap<>();
        for (PoolRole role : PoolRole.values()) {
            roles.put(RequestSigner.newKeyPair().getPublic(), role);
        }
        Path file = dir.resolve("pool-peers.pem");
        PemFiles.write(file, PoolPeers.of(roles).toPem());

        PoolPeers read = PoolPeers.read(file);
        roles.forEach((key, role) ->
                assertThat(read.roleOf(SignedRequests.keyId(key))).contains(role));
        assertThat(read.roleOf(SignedRequests.keyId(RequestSigner.newKeyPair().getPublic())))
                .isEmpty();
        assertThat(read.roleOf(null)).isEmpty();
        assertThat(PemFiles.readPublicKeys(file)).containsExactlyElementsOf(roles.keySet());
    }

    @Test
    void aKeyWithoutARoleOrWithAnUnknownOneIsRefused() {
        Path unlabelled = dir.resolve("old-peers.pem");
        PemFiles.write(unlabelled, PemFiles.toPem(RequestSigner.newKeyPair().getPublic()));
        assertThatThrownBy(() -> PoolPeers.read(unlabelled))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a 'role: manager|wkm|wp' line")
                .hasMessageContaining("camelot operator pool-keys");

        Path unknown = dir.resolve("unknown-peers.pem");
        PemFiles.write(
                unknown,
                "role: admin\n" + PemFiles.toPem(RequestSigner.newKeyPair().getPublic()));
        assertThatThrownBy(() -> PoolPeers.read(unknown)).hasMessageContaining("unknown pool role 'admin'");
    }
}
