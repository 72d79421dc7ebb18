package io.camelot.pool.wkm;

import static io.camelot.pool.RoleAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcClient;
import io.camelot.pool.manager.PoolIdentities;
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

/**
 * A WKM serves each method only to the pool roles it names (review H3): key creation, export,
 * import and rotation are the Worker Manager's; a WP's or another WKM's key gets code 3 naming the
 * method and the role, and the method does not run.
 */
class WkmRolesTest {
    static final Clock CLOCK = Clock.systemUTC();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    PoolIdentities identities;
    KeyManager keyManager;
    WkmServer wkm;
    final List<PeerSecurity> members = new ArrayList<>();

    @BeforeEach
    void start() {
        identities = PoolIdentities.generate(dir.resolve("keys"), List.of("wkm-0", "wkm-1"), List.of("wp-0"));
        keyManager = KeyManagerTest.keyManager(dir, CLOCK, "wkm-0", KeyManagerTest.policy(0, 0, false, ""), true);
        wkm = WkmServer.start(keyManager, "127.0.0.1", 0, member("wkm-0"));
    }

    @AfterEach
    void stop() {
        wkm.close();
        members.forEach(PeerSecurity::close);
    }

    PeerSecurity member(String name) {
        return closedAfter(PeerSecurity.fromFiles(identities.keyFile(name), identities.peersFile(), null, null, CLOCK));
    }

    PeerSecurity closedAfter(PeerSecurity member) {
        members.add(member);
        return member;
    }

    RpcClient client(PeerSecurity security) {
        return new RpcClient(wkm.url(), TIMEOUT, security);
    }

    @Test
    void aWpGetsRandomIdsButNoKeyCustodyMethod() {
        RpcClient wp = client(member("wp-0"));
        assertThat(wp.call(PoolApi.GET_RANDOM_ID, Map.of()).path("randomId").asText())
                .isNotEmpty();
        assertRefused(
                wp,
                "wp",
                PoolApi.GET_WORKER_PRIVATE_KEYS,
                PoolApi.SET_WORKER_PRIVATE_KEYS,
                PoolApi.CREATE_KEY_REQUEST,
                PoolApi.GENERATE_NEW_ENCRYPTION_KEY,
                PoolApi.SIGN_RECEIPT_UPDATE,
                PoolApi.WORKER_INFO);
        assertThat(keyManager.rotations()).isZero();
    }

    @Test
    void anotherWkmMayNotRotateImportOrMakeKeyRequests() {
        assertRefused(
                client(member("wkm-1")),
                "wkm",
                PoolApi.SET_WORKER_PRIVATE_KEYS,
                PoolApi.CREATE_KEY_REQUEST,
                PoolApi.GENERATE_NEW_ENCRYPTION_KEY,
                PoolApi.PREPROCESS_WORKORDER);
        assertThat(keyManager.rotations()).isZero();

        client(closedAfter(identities.managerSecurity(CLOCK))).call(PoolApi.GENERATE_NEW_ENCRYPTION_KEY, Map.of());
        assertThat(keyManager.rotations()).isEqualTo(1);
    }

    @Test
    void aJoiningWkmTakesTheKeysWithItsOwnStepsInProcess() {
        KeyManager joining =
                KeyManagerTest.keyManager(dir, CLOCK, "wkm-1", KeyManagerTest.policy(0, 0, false, ""), false);
        PeerSecurity security = member("wkm-1");
        try (WkmServer replica = WkmServer.start(joining, "127.0.0.1", 0, security)) {
            replica.join(client(security));
        }
        assertThat(joining.workerInfo().path("verificationKey").asText())
                .isEqualTo(keyManager.workerInfo().path("verificationKey").asText());
    }
}
