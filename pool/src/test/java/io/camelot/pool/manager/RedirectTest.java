package io.camelot.pool.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcClient;
import io.camelot.store.LmdbTcsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirect when the WPs run on other hosts: they are sent to the Worker Manager's Key Management
 * proxy.
 */
class RedirectTest {
    @TempDir
    Path dir;

    @Test
    void anAdvertisedManagerRedirectsToItself() {
        Duration timeout = Duration.ofSeconds(30);
        PoolIdentities identities = PoolIdentities.generate(dir.resolve("keys"), List.of(), List.of("wp-0"));
        try (PeerSecurity security = identities.managerSecurity(Clock.systemUTC());
                PeerSecurity wpSecurity = PeerSecurity.fromFiles(
                        identities.keyFile("wp-0"), identities.peersFile(), null, null, Clock.systemUTC());
                LmdbTcsStore store = LmdbTcsStore.open(dir.resolve("store"));
                PoolDispatcher dispatcher = new PoolDispatcher(store, Clock.systemUTC(), timeout, security);
                WorkerManager manager = new WorkerManager(
                        timeout,
                        security,
                        info -> {},
                        dispatcher,
                        "http://camelot-pool-manager:9950",
                        WpHosts.loopback())) {
            // A WP asks.
            RpcClient client = new RpcClient(manager.start("127.0.0.1", 0), timeout, wpSecurity);
            assertThat(client.call(PoolApi.REDIRECT, Map.of("workerId", "ab"))
                            .path("uri")
                            .asText())
                    .isEqualTo("http://camelot-pool-manager:9950");
        }
    }
}
