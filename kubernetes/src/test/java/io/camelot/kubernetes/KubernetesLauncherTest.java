package io.camelot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.pool.manager.PeerFiles;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.pool.manager.WpLaunchSpec;
import io.camelot.scheduler.ManualClock;
import io.camelot.scheduler.elastic.PoolLoad;
import io.camelot.scheduler.elastic.PoolScaler;
import io.camelot.scheduler.elastic.ScalingPolicy;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The pool scaler driving pods through fabric8 against its mock API server in CRUD mode: pods are
 * created for the minimum, scaled up under a queued burst, replaced when deleted or failed, and
 * deleted again when the pool is idle.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesLauncherTest {
    static final String NAMESPACE = "camelot";

    static {
        // The mock server logs every request through java.util.logging at INFO.
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    }

    KubernetesClient client;

    final AtomicReference<PoolLoad> load = new AtomicReference<>(new PoolLoad(0, 0));
    final ManualClock clock = new ManualClock();

    List<String> podNames() {
        return client
                .pods()
                .inNamespace(NAMESPACE)
                .withLabel(KubernetesLauncher.POOL_LABEL, "pool-a")
                .list()
                .getItems()
                .stream()
                .map(pod -> pod.getMetadata().getName())
                .sorted()
                .toList();
    }

    @Test
    void podsFollowTheQueue() {
        KubernetesLauncher launcher = new KubernetesLauncher(
                client, NAMESPACE, "pool-a", "camelot:0.1.0", List.of("--config", "/etc/camelot/camelot.toml"), 90);
        PoolScaler scaler = new PoolScaler(
                launcher, new ScalingPolicy(1, 3, 10, 2, 0.5, Duration.ofSeconds(30)), load::get, "wp", clock);

        assertThat(scaler.reconcile()).isEqualTo(1);
        assertThat(podNames()).containsExactly("wp-1");
        Pod first = client.pods().inNamespace(NAMESPACE).withName("wp-1").get();
        var container = first.getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("camelot:0.1.0");
        assertThat(container.getArgs()).containsExactly("worker", "--config", "/etc/camelot/camelot.toml");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(first.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(90);
        assertThat(first.getSpec().getAutomountServiceAccountToken()).isFalse();

        // A queued burst: up to the maximum at once.
        load.set(new PoolLoad(500, 2));
        assertThat(scaler.reconcile()).isEqualTo(3);
        assertThat(podNames()).containsExactly("wp-1", "wp-2", "wp-3");

        // Killed (deleted by someone else) and failed pods are replaced.
        client.pods().inNamespace(NAMESPACE).withName("wp-2").delete();
        Pod failed = client.pods().inNamespace(NAMESPACE).withName("wp-3").get();
        failed.setStatus(new PodStatusBuilder().withPhase("Failed").build());
        client.pods().inNamespace(NAMESPACE).resource(failed).update();
        assertThat(scaler.reconcile()).isEqualTo(3);
        assertThat(podNames()).containsExactly("wp-1", "wp-4", "wp-5");

        // Idle: one pod removed per idle period, down to the minimum.
        load.set(new PoolLoad(0, 0));
        for (int round = 0; round < 6; round++) {
            scaler.reconcile();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(podNames()).containsExactly("wp-1");

        launcher.close();
        assertThat(podNames()).isEmpty();
    }

    @Test
    void workorderProcessorPodsRegisterUnderTheirPodIpAndStopByDraining() {
        KubernetesLauncher launcher = wpLauncher(
                "http://camelot-pool-manager:9950",
                PeerFiles.plain(Path.of("keys/wp-elastic-key.pem"), Path.of("keys/pool-peers.pem")));
        PoolScaler scaler = new PoolScaler(
                launcher, new ScalingPolicy(1, 2, 4, 2, 0.5, Duration.ofSeconds(30)), load::get, "wp", clock);

        assertThat(scaler.reconcile()).isEqualTo(1);
        Pod wp = client.pods().inNamespace(NAMESPACE).withName("wp-1").get();
        assertThat(wp.getMetadata().getLabels())
                .containsEntry("app", "camelot-wp")
                .containsEntry(KubernetesLauncher.POOL_LABEL, "pool-a");
        var container = wp.getSpec().getContainers().getFirst();
        assertThat(container.getArgs())
                .containsExactly(
                        "wp",
                        "--register",
                        "--manager",
                        "http://camelot-pool-manager:9950",
                        "--host",
                        "0.0.0.0",
                        "--port",
                        "9960",
                        "--advertise-host",
                        "$(POD_IP)",
                        "--admin-host",
                        "0.0.0.0",
                        "--admin-port",
                        "8558",
                        "--signing-key",
                        "/etc/camelot/pool-keys/wp-elastic-key.pem",
                        "--peer-keys",
                        "/etc/camelot/pool-keys/pool-peers.pem",
                        "--slots",
                        "2",
                        "--tee-dir",
                        "/tmp/camelot-tee");
        // The pool's signing keys come from the operator's Secret, read-only: only the WP's own
        // key and the peer list, never another member's key.
        assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/etc/camelot/pool-keys");
            assertThat(mount.getReadOnly()).isTrue();
        });
        assertThat(wp.getSpec().getVolumes()).singleElement().satisfies(volume -> {
            assertThat(volume.getSecret().getSecretName()).isEqualTo("camelot-pool-keys");
            assertThat(volume.getSecret().getItems())
                    .extracting(item -> item.getKey() + "->" + item.getPath())
                    .containsExactly("wp-elastic-key.pem->wp-elastic-key.pem", "pool-peers.pem->pool-peers.pem");
        });
        // No WP calls the Kubernetes API, so none gets a service-account token.
        assertThat(wp.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getName()).isEqualTo("POD_IP");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        });
        // Its admin port serves the probes: ready while its key manager serves it.
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(wp.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(60);

        load.set(new PoolLoad(20, 0));
        assertThat(scaler.reconcile()).isEqualTo(2);
        assertThat(podNames()).containsExactly("wp-1", "wp-2");
        launcher.close();
        assertThat(podNames()).isEmpty();
    }

    @Test
    void workorderProcessorPodsServeAndCallHttpsWithTheirOwnTlsFilesOnly() {
        KubernetesLauncher launcher = wpLauncher(
                "https://camelot-pool-manager:9950", PoolIdentities.fileNames(PoolIdentities.ELASTIC_WP, true));
        launcher.launch("wp-1");
        Pod wp = client.pods().inNamespace(NAMESPACE).withName("wp-1").get();
        String args = String.join(" ", wp.getSpec().getContainers().getFirst().getArgs());
        assertThat(args)
                .contains(
                        "--manager https://camelot-pool-manager:9950",
                        "--tls-cert /etc/camelot/pool-keys/wp-elastic-tls-cert.pem",
                        "--tls-key /etc/camelot/pool-keys/wp-elastic-tls-key.pem",
                        "--tls-trust /etc/camelot/pool-keys/pool-ca.pem");
        // The WP's key, TLS key and certificate, the peer list and the pool CA: no other member's.
        assertThat(wp.getSpec().getVolumes().getFirst().getSecret().getItems())
                .extracting(KeyToPath::getKey)
                .containsExactly(
                        "wp-elastic-key.pem",
                        "pool-peers.pem",
                        "wp-elastic-tls-cert.pem",
                        "wp-elastic-tls-key.pem",
                        "pool-ca.pem");
        launcher.close();
    }

    /** WP pods of pool-a registering with {@code managerUrl}, with two slots each. */
    private KubernetesLauncher wpLauncher(String managerUrl, PeerFiles files) {
        return KubernetesLauncher.workorderProcessors(
                client,
                NAMESPACE,
                "pool-a",
                "camelot:0.1.0",
                "camelot-pool-keys",
                WpLaunchSpec.builder(managerUrl, Path.of("/tmp/camelot-tee"), files)
                        .register(true)
                        .slots(2)
                        .build(),
                60);
    }
}
