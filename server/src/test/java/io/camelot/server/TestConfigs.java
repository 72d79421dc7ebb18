package io.camelot.server;

import io.camelot.server.config.AdminSection;
import io.camelot.server.config.CryptoSection;
import io.camelot.server.config.ListenerSection;
import io.camelot.server.config.LoggingSection;
import io.camelot.server.config.PoolSection;
import io.camelot.server.config.SecuritySection;
import io.camelot.server.config.StoreSection;
import io.camelot.server.config.WorkerSection;
import io.camelot.server.config.WorkloadsSection;
import java.nio.file.Path;
import java.util.List;

/**
 * Configurations for nodes started by tests: the listener on a free loopback port, the store in a
 * test's temporary directory, no admin port unless asked for. Everything else is the default.
 */
final class TestConfigs {
    private TestConfigs() {}

    /** A node on loopback ephemeral ports whose data directory is {@code dataDir}. */
    static Builder loopback(Path dataDir) {
        return new Builder(dataDir);
    }

    static final class Builder {
        private final CamelotConfig defaults = CamelotConfig.defaults();
        private final Path dataDir;
        private boolean syncMode;
        private boolean operatorMethods;
        private List<String> notifyHosts = List.of();
        private int workerConcurrency = defaults.worker().concurrency();
        private List<WorkerSection.KeyEncryption> keyEncryption =
                defaults.worker().keyEncryption();
        private CryptoSection crypto = defaults.crypto();
        private WorkloadsSection workloads = defaults.workloads();
        private PoolSection pool = defaults.pool();
        private SecuritySection security = defaults.security();
        private LoggingSection logging = defaults.logging();
        private boolean admin;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        Builder syncMode(boolean on) {
            syncMode = on;
            return this;
        }

        /** Operator methods on; with no operator keys, they answer loopback callers. */
        Builder operatorMethods() {
            operatorMethods = true;
            return this;
        }

        Builder notifyHosts(List<String> hosts) {
            notifyHosts = hosts;
            return this;
        }

        /** The worker runs this many work orders at once (the default is one per core). */
        Builder workerConcurrency(int concurrency) {
            workerConcurrency = concurrency;
            return this;
        }

        Builder keyEncryption(List<WorkerSection.KeyEncryption> names) {
            keyEncryption = names;
            return this;
        }

        Builder crypto(CryptoSection provider) {
            crypto = provider;
            return this;
        }

        Builder workloads(WorkloadsSection runtime) {
            workloads = runtime;
            return this;
        }

        Builder pool(PoolSection workerPool) {
            pool = workerPool;
            return this;
        }

        Builder security(SecuritySection listenerSecurity) {
            security = listenerSecurity;
            return this;
        }

        Builder otlpEndpoint(String endpoint) {
            logging = logging.withOtlpEndpoint(endpoint);
            return this;
        }

        /** The admin port on a free loopback port. */
        Builder admin() {
            admin = true;
            return this;
        }

        CamelotConfig build() {
            return CamelotConfig.embedded()
                    .listener(ListenerSection.builder()
                            .host("127.0.0.1")
                            .port(0)
                            .maxBodyBytes(1 << 20)
                            .syncMode(syncMode)
                            .syncWaitCapMs(9000)
                            .operatorMethods(operatorMethods)
                            .notifyHosts(notifyHosts)
                            .build())
                    .store(StoreSection.lmdb(dataDir.toString(), 256))
                    .worker(defaults.worker().toBuilder()
                            .concurrency(workerConcurrency)
                            .keyEncryption(keyEncryption)
                            .build())
                    .crypto(crypto)
                    .workloads(workloads)
                    .pool(pool)
                    .security(security)
                    .logging(logging)
                    .admin(admin ? new AdminSection(true, "127.0.0.1", 0, List.of()) : AdminSection.disabled())
                    .build();
        }
    }
}
