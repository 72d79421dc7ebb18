package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.pool.PoolPeers;
import io.camelot.pool.PoolRole;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.security.PemFiles;
import io.camelot.security.SignedRequests;
import io.camelot.server.config.SecuritySection;
import io.camelot.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code camelot operator keygen} and {@code camelot operator call} against a node that lists the
 * key; {@code camelot operator pool-keys} for pool processes on several hosts.
 */
class OperatorCommandTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedKeySignsOperatorCallsTheNodeAccepts() throws Exception {
        Path keys = keygen();
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(keys.resolve(OperatorCommand.PRIVATE_KEY_FILE))))
                .isEqualTo("rw-------");

        CamelotConfig config = operatedBy(keys);
        String workerId = WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME);
        try (TcsNode node = TcsNode.start(config);
                DirectTcsClient client = DirectTcsClient.create(node.url("127.0.0.1"))) {
            int exit = new CommandLine(new CamelotCli())
                    .execute(
                            "operator",
                            "call",
                            "--url",
                            node.url("127.0.0.1"),
                            "--key",
                            keys.resolve(OperatorCommand.PRIVATE_KEY_FILE).toString(),
                            "--method",
                            "WorkerSetStatus",
                            "--params",
                            "{\"workerId\":\"" + workerId + "\",\"status\":3}");
            assertThat(exit).isZero();
            assertThat(client.workerRetrieve(workerId).status()).isEqualTo(3);
        }
        // A restart republishes the worker's keys but keeps the status the operator set (M2).
        try (TcsNode node = TcsNode.start(config);
                DirectTcsClient client = DirectTcsClient.create(node.url("127.0.0.1"))) {
            assertThat(client.workerRetrieve(workerId).status()).isEqualTo(3);
        }
    }

    /**
     * {@code camelot operator rotate-key}: the worker publishes a new signed key that the SDK picks
     * up, work orders sealed to the old one still run in the grace period, and a restart keeps the
     * new key (security review L13).
     */
    @Test
    void rotateKeyGivesTheWorkerANewKeyThatTheSdkUsesAndARestartKeeps() throws Exception {
        Path keys = keygen();
        CamelotConfig config = operatedBy(keys);
        String workerId = WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME);
        String rotatedKey;
        try (TcsNode node = TcsNode.start(config);
                DirectTcsClient client = DirectTcsClient.create(node.url("127.0.0.1"))) {
            Requester requester = Requester.builder(client).allowSimulation().build();
            VerifiedWorker before = requester.worker(workerId);
            String privateKey = keys.resolve(OperatorCommand.PRIVATE_KEY_FILE).toString();

            assertThat(new CommandLine(new CamelotCli())
                            .execute("operator", "rotate-key", "--url", node.url("127.0.0.1"), "--key", privateKey))
                    .isZero();

            VerifiedWorker after = requester.worker(workerId);
            rotatedKey = after.encryptionKey().pem();
            assertThat(rotatedKey).isNotEqualTo(before.encryptionKey().pem());
            assertThat(after.record().details().workerTypeData().verificationKey())
                    .isEqualTo(before.record().details().workerTypeData().verificationKey());
            assertThat(requester
                            .newWorkOrder(after, "echo-result")
                            .input("new")
                            .submit()
                            .await()
                            .text(0))
                    .isEqualTo("RESULT: new");
            assertThat(requester
                            .newWorkOrder(before, "echo-result")
                            .input("old")
                            .submit()
                            .await()
                            .text(0))
                    .isEqualTo("RESULT: old");
            // A worker this TCS does not run has no key to rotate here.
            assertThat(new CommandLine(new CamelotCli())
                            .execute(
                                    "operator",
                                    "rotate-key",
                                    "--url",
                                    node.url("127.0.0.1"),
                                    "--key",
                                    privateKey,
                                    "--worker",
                                    "another-worker"))
                    .isEqualTo(1);
        }
        try (TcsNode node = TcsNode.start(config);
                DirectTcsClient client = DirectTcsClient.create(node.url("127.0.0.1"))) {
            VerifiedWorker restarted =
                    Requester.builder(client).allowSimulation().build().worker(workerId);
            assertThat(restarted.encryptionKey().pem()).isEqualTo(rotatedKey);
        }
    }

    /** {@code camelot operator keygen} into a new directory. */
    Path keygen() {
        Path keys = dir.resolve("keys");
        assertThat(new CommandLine(new CamelotCli()).execute("operator", "keygen", "--out", keys.toString()))
                .isZero();
        return keys;
    }

    /** A loopback node with operator methods on, signed by the key in {@code keys}. */
    CamelotConfig operatedBy(Path keys) {
        return TestConfigs.loopback(dir.resolve("data"))
                .operatorMethods()
                .security(SecuritySection.defaults()
                        .withOperators(
                                keys.resolve(OperatorCommand.PUBLIC_KEY_FILE).toString(), List.of()))
                .build();
    }

    @Test
    void poolKeysProvisionEveryMemberAndAPeerListThatAdmitsThemAll() throws Exception {
        Path keys = dir.resolve("pool-keys");
        assertThat(poolKeys("--dir", keys.toString(), "--member", "camelot-wkm-0", "--wp", PoolIdentities.ELASTIC_WP))
                .isZero();
        for (String member : List.of(PoolIdentities.MANAGER, "camelot-wkm-0", PoolIdentities.ELASTIC_WP)) {
            Path key = keys.resolve(PoolIdentities.keyFileName(member));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
        List<PublicKey> peers = PemFiles.readPublicKeys(keys.resolve(PoolIdentities.PEERS_FILE));
        assertThat(peers)
                .hasSize(3)
                .contains(PemFiles.readKeyPair(keys.resolve(PoolIdentities.keyFileName("camelot-wkm-0")))
                        .getPublic());
        // serve with [pool] keys_dir signs as the manager, whose key is listed too.
        PoolIdentities loaded = PoolIdentities.load(keys);
        assertThat(loaded.peersFile()).isEqualTo(keys.resolve(PoolIdentities.PEERS_FILE));
        assertThat(peers)
                .contains(PemFiles.readKeyPair(loaded.keyFile(PoolIdentities.MANAGER))
                        .getPublic());
        // Each key is listed with its role: only the WP's key may register WPs.
        PoolPeers roles = PoolPeers.read(loaded.peersFile());
        Map.of(
                        PoolIdentities.MANAGER,
                        PoolRole.MANAGER,
                        "camelot-wkm-0",
                        PoolRole.WKM,
                        PoolIdentities.ELASTIC_WP,
                        PoolRole.WP)
                .forEach((member, role) -> assertThat(roles.roleOf(SignedRequests.keyId(
                                PemFiles.readKeyPair(keys.resolve(PoolIdentities.keyFileName(member)))
                                        .getPublic())))
                        .contains(role));

        assertThat(poolKeys("--dir", dir.resolve("bad").toString(), "--member", PoolIdentities.MANAGER))
                .isNotZero();
    }

    @Test
    void poolKeysWithTlsIssueAPoolCaAndACertificatePerMemberForTheManifestsNames() throws Exception {
        Path keys = dir.resolve("pool-keys");
        assertThat(poolKeys(
                        "--dir",
                        keys.toString(),
                        "--member",
                        "camelot-wkm-0",
                        "--wp",
                        PoolIdentities.ELASTIC_WP,
                        "--tls",
                        "--tls-name",
                        PoolIdentities.ELASTIC_WP + "=wp.example,wp2.example"))
                .isZero();
        Map.of(
                        PoolIdentities.MANAGER,
                        List.of("camelot-pool-manager", "camelot-pool-manager.camelot.svc"),
                        "camelot-wkm-0",
                        List.of("camelot-wkm-0.camelot-wkm", "camelot-wkm-0.camelot-wkm.camelot.svc"),
                        PoolIdentities.ELASTIC_WP,
                        List.of("wp.example", "wp2.example", PoolIdentities.WP_TLS_NAME))
                .forEach((member, names) -> {
                    X509Certificate certificate =
                            certificate(keys.resolve(PoolIdentities.tlsCertificateFileName(member)));
                    assertThat(dnsNames(certificate)).as(member).containsExactlyElementsOf(names);
                    assertThat(certificate.getIssuerX500Principal())
                            .isEqualTo(certificate(keys.resolve(PoolIdentities.POOL_CA_FILE))
                                    .getSubjectX500Principal());
                    assertThat(keys.resolve(PoolIdentities.tlsKeyFileName(member)))
                            .satisfies(
                                    key -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                                            .isEqualTo("rw-------"));
                });
        // Signing keys (3), peer list, CA certificate and two files per member: the CA's key is not kept.
        try (var files = Files.list(keys)) {
            assertThat(files).hasSize(3 + 1 + 1 + 6);
        }
        // serve with [pool] tls = "on" finds the manager's files.
        assertThat(PoolIdentities.load(keys)
                        .withPoolCaTls()
                        .peerFiles(PoolIdentities.MANAGER)
                        .tlsTrust())
                .isEqualTo(keys.resolve(PoolIdentities.POOL_CA_FILE));

        assertThat(poolKeys(
                        "--dir",
                        dir.resolve("unknown").toString(),
                        "--member",
                        "camelot-wkm-0",
                        "--tls",
                        "--tls-name",
                        "camelot-wkm-9=x.example"))
                .isNotZero();
    }

    private static X509Certificate certificate(Path file) {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        try {
            return certificate.getSubjectAlternativeNames().stream()
                    .map(name -> (String) name.get(1))
                    .toList();
        } catch (CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }

    private static int poolKeys(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "operator";
        all[1] = "pool-keys";
        System.arraycopy(args, 0, all, 2, args.length);
        return new CommandLine(new CamelotCli()).execute(all);
    }
}
