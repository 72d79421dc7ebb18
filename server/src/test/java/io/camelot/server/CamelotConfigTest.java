package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.kubernetes.KubernetesLauncher;
import io.camelot.listener.NotifyHosts;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.server.config.AdminSection;
import io.camelot.server.config.ListenerSection;
import io.camelot.server.config.LoggingSection;
import io.camelot.server.config.PoolSection;
import io.camelot.server.config.SecuritySection;
import io.camelot.server.config.WorkerSection;
import io.camelot.server.config.WorkloadsSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamelotConfigTest {
    @TempDir
    Path dir;

    Path toml(String text) throws IOException {
        return Files.writeString(dir.resolve("camelot.toml"), text);
    }

    /** Loading {@code text} fails with one message: "invalid configuration FILE: problem". */
    void assertRefused(String text, String problem) throws IOException {
        Path file = toml(text);
        assertThatThrownBy(() -> CamelotConfig.load(file))
                .isInstanceOf(UserError.class)
                .hasMessage("invalid configuration " + file + ": " + problem);
    }

    /** Loading {@code text} fails with a message that says {@code part}. */
    void assertRefusedSaying(String text, String part) throws IOException {
        Path file = toml(text);
        assertThatThrownBy(() -> CamelotConfig.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(part);
    }

    @Test
    void keysInTheFileReplaceDefaultsOneByOne() throws IOException {
        CamelotConfig config =
                CamelotConfig.load(toml("[listener]\nport = 2048\nsync_mode = true\n\n[worker]\nname = \"w9\"\n"));

        assertThat(config.listener().port()).isEqualTo(2048);
        assertThat(config.listener().syncMode()).isTrue();
        assertThat(config.listener().host())
                .isEqualTo(CamelotConfig.defaults().listener().host());
        assertThat(config.worker().name()).isEqualTo("w9");
        assertThat(config.worker().organizationId())
                .isEqualTo(CamelotConfig.defaults().worker().organizationId());
        assertThat(config.queue()).isEqualTo(CamelotConfig.defaults().queue());
    }

    @Test
    void pendingWorkOrdersExpireAfterAnHourByDefaultAndNeverWithZero() throws IOException {
        assertThat(CamelotConfig.defaults().queue().toSettings().pendingTimeout())
                .isEqualTo(Duration.ofHours(1));
        CamelotConfig never = CamelotConfig.load(toml("[queue]\npending_timeout_seconds = 0\n"));
        assertThat(never.queue().toSettings().pendingTimeout()).isZero();
        assertThat(never.queue().maxOutstanding())
                .isEqualTo(CamelotConfig.defaults().queue().maxOutstanding());
    }

    @Test
    void theDocumentedExampleLoads() throws IOException {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        String example = doc.substring(doc.indexOf("```toml") + 7, doc.indexOf("```", doc.indexOf("```toml") + 7));
        CamelotConfig loaded = CamelotConfig.load(toml(example));
        CamelotConfig defaults = CamelotConfig.defaults();
        assertThat(loaded.listener()).isEqualTo(defaults.listener());
        assertThat(loaded.store()).isEqualTo(defaults.store());
        assertThat(loaded.queue()).isEqualTo(defaults.queue());
        assertThat(loaded.worker().name()).isEqualTo(defaults.worker().name());
        assertThat(loaded.worker().concurrency()).isEqualTo(2);
        assertThat(loaded.admin()).isEqualTo(defaults.admin());
        assertThat(loaded.logging()).isEqualTo(defaults.logging());
        assertThat(loaded.cluster()).isEqualTo(defaults.cluster());
        assertThat(loaded.security()).isEqualTo(defaults.security());
    }

    @Test
    void aSyntaxErrorNamesTheLine() throws IOException {
        assertRefused("[listener]\nport = 2\nhost = \"x\n", "line 3: Newline not permitted here");
    }

    @Test
    void anUnknownKeyNamesLineSectionAndTheKnownKeys() throws IOException {
        assertRefused(
                "# ports\n[listener]\nport = 1\nbogus = 1\n",
                "line 4: [listener] bogus: unknown key; known keys: host,"
                        + " max_body_bytes, notify_hosts, operator_methods, port, sync_mode, sync_wait_cap_ms");
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorNotACoercion() throws IOException {
        assertRefused("[listener]\nport = \"20020\"\n", "line 2: [listener] port: expected an integer, not \"20020\"");
        assertRefused("[listener]\nport = 1.5\n", "line 2: [listener] port: expected an integer, not 1.5");
        assertRefused("[worker]\nname = 5\n", "line 2: [worker] name: expected a string, not 5");
        assertRefused(
                "[listener]\nsync_mode = \"true\"\n",
                "line 2: [listener] sync_mode: expected true or false, not \"true\"");
    }

    @Test
    void integersStillBindToEveryNumericType() throws IOException {
        CamelotConfig config =
                CamelotConfig.load(toml("[security]\nrate_per_address = 7\n[queue]\nmax_outstanding = 5\n"));
        assertThat(config.security().ratePerAddress()).isEqualTo(7.0);
        assertThat(config.queue().maxOutstanding()).isEqualTo(5);
    }

    @Test
    void rangesAreCheckedWithTheKeyNamed() throws IOException {
        assertRefused("[worker]\nconcurrency = -1\n", "line 2: [worker] concurrency: must be >= 1, not -1");
        assertRefused(
                "[admin]\nenabled = true\nport = 70000\n", "line 3: [admin] port: must be in 0..65535, not 70000");
        assertRefused("listener.port = -2\n", "line 1: [listener] port: must be in 0..65535, not -2");
        assertRefused(
                "[store]\nsubmit_limit_percent = 0\n",
                "line 2: [store] submit_limit_percent: must be in 1..100, not 0");
    }

    @Test
    void anUnknownCryptoProviderIsAConfigError() throws IOException {
        assertRefused(
                "[crypto]\nprovider = \"nope\"\n",
                "line 2: [crypto] provider must be \"jca\" or \"accp\", not \"nope\"");
    }

    @Test
    void aSettingWithNoSuchChoiceNamesItsLine() throws IOException {
        assertRefused(
                "[logging]\nwork_orders = true\nformat = \"xml\"\n",
                "line 3: [logging] format must be \"text\" or \"json\", not \"xml\"");
    }

    @Test
    void aMissingFileIsOneSentence() {
        Path missing = dir.resolve("nope.toml");
        assertThatThrownBy(() -> CamelotConfig.load(missing))
                .isInstanceOf(UserError.class)
                .hasMessage("configuration file " + missing + " does not exist");
    }

    @Test
    void aPostgresStoreNeedsAUrlAndAKnownBackend() throws IOException {
        assertRefusedSaying("[store]\nbackend = \"postgres\"\n", "needs url");
        assertRefusedSaying("[store]\nbackend = \"redis\"\n", "backend must be");
        CamelotConfig shared =
                CamelotConfig.load(toml("[store]\nbackend = \"postgres\"\nurl = \"jdbc:postgresql://db:5432/camelot\"\n"
                        + "user = \"camelot\"\npassword = \"secret\"\npool_size = 3\n[admin]\nport = 8558\n"));
        assertThat(shared.store().postgres()).isTrue();
        assertThat(shared.store().postgresSettings().poolSize()).isEqualTo(3);
        assertThat(shared.store().postgresSettings().password()).isEqualTo("secret");
        assertThat(shared.store().postgresSettings().toString()).doesNotContain("secret");
        assertThat(shared.admin().port()).isEqualTo(8558);
        assertThat(shared.store().dataDir())
                .isEqualTo(CamelotConfig.defaults().store().dataDir());
    }

    @Test
    void operatorMethodsWithoutOperatorKeysAreRefusedUnlessTheListenerIsBoundToLoopback() throws IOException {
        Path open = toml("[listener]\nhost = \"0.0.0.0\"\noperator_methods = true\n");
        assertThatThrownBy(() -> CamelotConfig.load(open))
                .isInstanceOf(UserError.class)
                .hasMessage(
                        "invalid configuration "
                                + open
                                + ": line 3: [listener] operator_methods = true without [security]"
                                + " operator_keys is allowed only on a listener bound to loopback (host = \"127.0.0.1\", \"::1\" or"
                                + " \"localhost\"), not \"0.0.0.0\": set operator_keys (camelot operator keygen) so operator calls are signed");
        assertThat(CamelotConfig.load(toml("[listener]\nhost = \"127.0.0.1\"\noperator_methods = true\n"))
                        .listener()
                        .operatorMethods())
                .isTrue();
        assertThat(CamelotConfig.load(toml("[listener]\nhost = \"0.0.0.0\"\noperator_methods = true\n\n[security]\n"
                                + "operator_keys = \"ops/operator-pub.pem\"\n"))
                        .listener()
                        .operatorMethods())
                .isTrue();
        // A --host override after loading is checked as the file is: when the configuration is built.
        CamelotConfig loopback = CamelotConfig.load(toml("[listener]\noperator_methods = true\n"));
        assertThatThrownBy(() -> ScaleOutOverrides.apply(loopback, "0.0.0.0", 2000, null, null, null))
                .hasMessageStartingWith("[listener] operator_methods = true without [security] operator_keys");
    }

    @Test
    void theKubernetesConfigMapHoldsALoadableSharedStoreConfig() throws IOException {
        CamelotConfig config = configMap("../deploy/k8s/config.yaml");
        assertThat(config.store().postgres()).isTrue();
        assertThat(config.admin().port()).isEqualTo(8558);
        assertThat(config.listener().host()).isEqualTo("0.0.0.0");
        for (String manifest : new String[] {"listener.yaml", "worker.yaml"}) {
            String text = Files.readString(Path.of("../deploy/k8s/" + manifest));
            assertThat(text).contains("path: /health/ready", "path: /health/live", "containerPort: 8558");
        }
    }

    /**
     * The TOML block of a ConfigMap manifest, indented four spaces under "camelot.toml: |", loaded.
     */
    private CamelotConfig configMap(String manifest) throws IOException {
        String yaml = Files.readString(Path.of(manifest));
        String block = yaml.substring(yaml.indexOf("camelot.toml: |") + "camelot.toml: |".length());
        String toml = block.lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .reduce("", (a, b) -> a + b + "\n");
        return CamelotConfig.load(toml(toml));
    }

    @Test
    void theKubernetesPoolConfigMapRunsAnElasticPoolOfPodsReachingTheManagerService() throws IOException {
        PoolSection pool = configMap("../deploy/k8s/pool/config.yaml").pool();
        assertThat(pool.elastic()).isTrue();
        assertThat(pool.launcher()).isEqualTo(PoolSection.Launcher.KUBERNETES);
        assertThat(pool.wpLocalization()).isEqualTo(PoolSection.Localization.ANY);
        assertThat(pool.managerUrl()).isEqualTo("https://camelot-pool-manager:" + pool.managerPort());
        assertThat(pool.tls()).isEqualTo(PoolSection.Tls.ON);
        String serve = Files.readString(Path.of("../deploy/k8s/pool/serve.yaml"));
        assertThat(serve)
                .contains(
                        "containerPort: " + pool.managerPort(),
                        "serviceAccountName: camelot-pool",
                        "path: /health/ready",
                        "path: /health/live",
                        "containerPort: 8558");
        assertThat(Files.readString(Path.of("../deploy/k8s/pool/rbac.yaml"))).contains("resources: [\"pods\"]");
        // The WKM StatefulSet's replicas, by their headless-Service names.
        assertThat(pool.keyManagerUrls())
                .containsExactly("https://camelot-wkm-0.camelot-wkm:7001", "https://camelot-wkm-1.camelot-wkm:7001");
        assertThat(Files.readString(Path.of("../deploy/k8s/pool/wkm.yaml")))
                .contains(
                        "replicas: 2",
                        "containerPort: 7001",
                        "--generate-keys",
                        "--join https://camelot-wkm-0.camelot-wkm:7001",
                        "--admin-port 8558",
                        "path: /health/ready",
                        "path: /health/live",
                        "containerPort: 8558",
                        "--signing-key /etc/camelot/pool-keys/signing-key.pem",
                        "subPathExpr: $(POD_NAME)-key.pem",
                        "secretName: " + pool.kubernetesKeysSecret());
        // Signed pool links: serve and the WKMs mount their own files of the Secret the WP pods
        // take theirs from (DeployManifestsTest checks which files each gets).
        assertThat(pool.keysDir()).isEqualTo(KubernetesLauncher.POOL_KEYS_MOUNT);
        assertThat(serve).contains("mountPath: " + pool.keysDir(), "secretName: " + pool.kubernetesKeysSecret());
    }

    @Test
    void poolProcessesRunningElsewhereNeedProvisionedKeys() throws IOException {
        assertThatThrownBy(() ->
                        CamelotConfig.load(toml("[pool]\nprocessors = 1\nkey_manager_urls = [\"http://wkm:7001\"]\n")))
                .hasMessageContaining("key_manager_urls needs keys_dir");
    }

    @Test
    void poolCaTlsNeedsProvisionedKeysAndTheirCertificates() throws IOException {
        assertThatThrownBy(() -> CamelotConfig.load(toml("[pool]\nprocessors = 1\ntls = \"on\"\n")))
                .hasMessageContaining("tls = \"on\" needs keys_dir");
        // keys_dir made without --tls: serve names the missing file and the command that makes it.
        Path keys = dir.resolve("pool-keys");
        PoolIdentities.generate(keys, List.of("wkm-0"), List.of());
        assertThatThrownBy(() -> PoolIdentities.load(keys).withPoolCaTls())
                .hasMessageContaining(PoolIdentities.POOL_CA_FILE)
                .hasMessageContaining("pool-keys --tls");
    }

    @Test
    void elasticPoolSettingsAreChecked() throws IOException {
        assertThatThrownBy(() ->
                        CamelotConfig.load(toml("[pool]\nprocessors = 1\nmax_processors = 3\nlauncher = \"vm\"\n")))
                .hasMessageContaining("[pool] launcher must be");
        assertRefusedSaying(
                "[pool]\nmax_processors = 3\nlauncher = \"kubernetes\"\n",
                "needs kubernetes_image, manager_port and manager_url");
        PoolSection elastic = CamelotConfig.load(toml("[pool]\nprocessors = 1\nmax_processors = 3\n"))
                .pool();
        assertThat(elastic.elastic()).isTrue();
        assertThat(elastic.maxWps()).isEqualTo(3);
        assertThat(elastic.launcher()).isEqualTo(PoolSection.Launcher.PROCESS);
    }

    @Test
    void securityKeysAreReadAndAnUnknownTlsModeIsNamed() throws IOException {
        CamelotConfig config =
                CamelotConfig.load(toml("[security]\ntls = \"dev\"\nrate_per_requester = 5.0\nmax_items = 3\n"));
        assertThat(config.security().tls()).isEqualTo(SecuritySection.TlsMode.DEV);
        assertThat(config.security().ratePerRequester()).isEqualTo(5.0);
        assertThat(config.security().maxItems()).isEqualTo(3);
        assertThat(config.security().burstPerAddress())
                .isEqualTo(CamelotConfig.defaults().security().burstPerAddress());
        assertRefusedSaying("[security]\ntls = \"maybe\"\n", "[security] tls must be");
    }

    /** M7: a requester id names no one, so the setting that used to hold one now takes a key. */
    @Test
    void aDedicatedRequesterIsAPublicKeyAndAnOldStyleRequesterIdIsRefused() throws IOException {
        assertThatThrownBy(
                        () -> CamelotConfig.load(toml("[pool]\ndedicated_requester = \"" + "aa".repeat(32) + "\"\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[pool] dedicated_requester is a requester id")
                .hasMessageContaining("secp256k1 SPKI PEM text");
        assertThatThrownBy(() ->
                        CamelotConfig.load(toml("[pool]\ndedicated_requester = \"" + dir.resolve("none.pem") + "\"\n")))
                .hasMessageContaining("[pool] dedicated_requester: cannot read the requester key file");

        PublicKeySign key = Secp256k1.generate();
        String pem = key.verifier().pem();
        Path file = Files.writeString(dir.resolve("requester.pem"), pem);
        CamelotConfig fromFile = CamelotConfig.load(toml(
                "[pool]\ndedicated_requester = \"" + file + "\"\n\n[worker]\nrequire_requester_signature = true\n"));
        assertThat(fromFile.pool().dedicatedRequesterKey()).isEqualTo(pem);
        assertThat(fromFile.pool().policy().dedicatedRequesterKey()).isEqualTo(pem);
        assertThat(fromFile.worker().toSettings().requireRequesterSignature()).isTrue();
        CamelotConfig inline = CamelotConfig.load(
                toml("[pool]\nrequire_requester_signature = true\ndedicated_requester = '''\n" + pem + "'''\n"));
        assertThat(inline.pool().dedicatedRequesterKey()).isEqualTo(pem);
        assertThat(inline.pool().policy().requireRequesterSignature()).isTrue();
        assertThat(CamelotConfig.defaults().worker().toSettings().requireRequesterSignature())
                .isFalse();
    }

    @Test
    void unknownSectionsAndKeysAreNamed() throws IOException {
        assertRefusedSaying("[listner]\nport = 1\n", "unknown section [listner]");
        assertRefusedSaying("[listener]\nprot = 1\n", "prot");
        assertRefusedSaying("[listener]\nport = \"x\"\n", "invalid configuration");
    }

    @Test
    void theAdminPortIsOnLoopbackByDefaultAndConfigurable() throws IOException {
        assertThat(CamelotConfig.defaults().admin()).isEqualTo(new AdminSection(true, "127.0.0.1", 9947, List.of()));
        CamelotConfig config =
                CamelotConfig.load(toml("[admin]\nport = 9100\n\n[logging]\nformat = \"json\"\nwork_orders = true\n"));
        assertThat(config.admin()).isEqualTo(new AdminSection(true, "127.0.0.1", 9100, List.of()));
        assertThat(config.logging()).isEqualTo(new LoggingSection(LoggingSection.Format.JSON, true, ""));
        assertThat(CamelotConfig.load(toml("[admin]\nenabled = false\n"))
                        .admin()
                        .enabled())
                .isFalse();
    }

    /** H2: no host gets completion notices unless listed; entries are checked when the file loads. */
    @Test
    void notifyHostsAreNoneByDefaultCheckedAtLoadAndKeptByOverrides() throws IOException {
        assertThat(CamelotConfig.defaults().listener().notifyHosts()).isEmpty();
        CamelotConfig config = CamelotConfig.load(
                toml("[listener]\nnotify_hosts = [\"hooks.example.com\", \"127.0.0.1:8080!private\"]\n"));
        assertThat(config.listener().notifyHosts()).containsExactly("hooks.example.com", "127.0.0.1:8080!private");
        NotifyHosts hosts =
                config.listenerConfig(dir, Clock.systemUTC()).security().notifyHosts();
        assertThat(hosts.refusal("http://127.0.0.1:8080/done")).isEmpty();
        assertThat(hosts.refusal("http://127.0.0.1:8081/done")).isPresent();
        assertThat(ScaleOutOverrides.apply(config, "0.0.0.0", 2000, null, null, null)
                        .listener()
                        .notifyHosts())
                .isEqualTo(config.listener().notifyHosts());
        assertThatThrownBy(
                        () -> CamelotConfig.load(toml("[listener]\nnotify_hosts = [\"http://hooks.example.com/\"]\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "[listener] notify_hosts entry \"http://hooks.example.com/\" is not host or host:port");
    }

    @Test
    void anUnknownLogFormatIsRefused() throws IOException {
        assertRefusedSaying("[logging]\nformat = \"xml\"\n", "[logging] format must be");
    }

    @Test
    void cryptoProviderDefaultsToJca() {
        assertThat(CamelotConfig.defaults().crypto().provider().toml()).isEqualTo("jca");
    }

    @Test
    void cryptoSectionSelectsTheProvider() throws IOException {
        Path file = Files.writeString(dir.resolve("camelot.toml"), "[crypto]\nprovider = \"accp\"\n");

        CamelotConfig config = CamelotConfig.load(file);

        assertThat(config.crypto().provider().toml()).isEqualTo("accp");
        assertThat(config.listener()).isEqualTo(CamelotConfig.defaults().listener());
    }

    @Test
    void workersOfferRsaOnlyUnlessX25519IsListed() throws IOException {
        assertThat(CamelotConfig.defaults().worker().keyEncryption())
                .containsExactly(WorkerSection.KeyEncryption.RSA_OAEP_3072);
        assertThat(CamelotConfig.defaults().worker().offersX25519()).isFalse();
        Path file = Files.writeString(
                dir.resolve("camelot.toml"),
                "[worker]\nkey_encryption = [\"RSA-OAEP-3072\", \"X25519-HKDF-SHA256-AES-GCM-256\"]\n");

        assertThat(CamelotConfig.load(file).worker().offersX25519()).isTrue();
    }

    @Test
    void unknownKeyEncryptionIsRefused() throws IOException {
        Path file = Files.writeString(
                dir.resolve("camelot.toml"), "[worker]\nkey_encryption = [\"RSA-OAEP-3072\", \"ECIES\"]\n");
        assertThatThrownBy(() -> CamelotConfig.load(file).worker().offersX25519())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"ECIES\"");
    }

    /**
     * Bench, tests and command-line overrides build configurations in code: each is checked as a file
     * is.
     */
    @Test
    void aConfigurationBuiltInCodeIsCheckedLikeTheFile() {
        assertThatThrownBy(() -> ListenerSection.builder().port(70000).build())
                .hasMessage("[listener] port: must be in 0..65535, not 70000");
        assertThatThrownBy(() -> PoolSection.builder()
                        .processors(1)
                        .keyManagers(2)
                        .keyMigration(false)
                        .build())
                .hasMessage("[pool] key_managers > 1 needs key_migration = true");
        assertThatThrownBy(() -> SecuritySection.defaults().withTls(SecuritySection.TlsMode.ON))
                .hasMessage("[security] tls = \"on\" needs tls_cert and tls_key");
        assertThatThrownBy(() -> WorkerSection.builder()
                        .keyEncryption(List.of(WorkerSection.KeyEncryption.X25519_HKDF))
                        .build())
                .hasMessageContaining("[worker] key_encryption must list \"RSA-OAEP-3072\"");
        assertThatThrownBy(() -> CamelotConfig.embedded()
                        .listener(ListenerSection.builder()
                                .host("0.0.0.0")
                                .operatorMethods(true)
                                .build())
                        .build())
                .hasMessageStartingWith("[listener] operator_methods = true without [security] operator_keys");
    }

    @Test
    void aClosedChoiceNamesItsLineAndItsSpellings() throws IOException {
        assertRefused(
                "[store]\nbackend = \"redis\"\n",
                "line 2: [store] backend must be \"lmdb\" or \"postgres\"," + " not \"redis\"");
        assertRefused(
                "[worker]\nkey_encryption = [\"RSA-OAEP-3072\", \"ECIES\"]\n",
                "line 2: [worker] key_encryption must be \"RSA-OAEP-3072\" or"
                        + " \"X25519-HKDF-SHA256-AES-GCM-256\", not \"ECIES\"");
        assertRefused(
                "[pool]\nlauncher = 3\n", "line 2: [pool] launcher must be \"process\" or \"kubernetes\", not \"3\"");
        assertThat(CamelotConfig.load(toml("[pool]\nwp_localization = \"same-platform\"\n"))
                        .pool()
                        .wpLocalization())
                .isEqualTo(PoolSection.Localization.SAME_PLATFORM);
    }

    @Test
    void theDocumentedWorkloadsSectionLoads() throws IOException {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        int start = doc.indexOf("```toml\n[workloads]") + 7;
        WorkloadsSection workloads = CamelotConfig.load(toml(doc.substring(start, doc.indexOf("```", start))))
                .workloads();
        WorkloadsSection defaults = WorkloadsSection.defaults();

        assertThat(workloads.toBuilder().modules(List.of()).grants(List.of()).build())
                .isEqualTo(defaults);
        assertThat(workloads.modules())
                .containsExactly(new WorkloadsSection.Module(
                        "my-model", "/opt/camelot/modules/my-model.wasm", "5f1d...64 hex digits..."));
        assertThat(workloads.grants())
                .containsExactly(
                        new WorkloadsSection.Grant(
                                "attested-oracle",
                                "https",
                                List.of("prices.example", "api.example:8443"),
                                List.of("GET"),
                                65536,
                                ""),
                        new WorkloadsSection.Grant("wasm-inline", "kv", List.of(), List.of("GET"), 4096, ""));
    }

    @Test
    void workloadsKeysReplaceDefaultsOneByOne() throws IOException {
        WorkloadsSection workloads = CamelotConfig.load(toml("[workloads]\ninline_modules = true\ntimeout_ms = 500\n"))
                .workloads();
        assertThat(workloads.inlineModules()).isTrue();
        assertThat(workloads.timeoutMs()).isEqualTo(500);
        assertThat(workloads.maxInstructions())
                .isEqualTo(WorkloadsSection.defaults().maxInstructions());
        assertRefusedSaying("[workloads]\ninline = true\n", "inline");
    }
}
