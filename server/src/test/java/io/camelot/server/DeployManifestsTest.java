package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped Kubernetes manifests, parsed as Kubernetes objects (review M11): TLS on the public
 * listener and on every pool link, admin ports open to monitoring only, each pod holding only its
 * own pool key and TLS key, and no service-account token where nothing calls the Kubernetes API.
 */
class DeployManifestsTest {
    private static final int ADMIN_PORT = 8558;
    private static final String MONITORING_LABEL = "camelot.io/monitoring";
    private static final String LISTENER_TLS_SECRET = "camelot-listener-tls";
    private static final String POOL_DIR = "../deploy/k8s/pool";
    private static final String POOL_CA = "pool-ca.pem";

    /** A workload's name, labels and pod spec. */
    private record Workload(String name, Map<String, String> labels, PodSpec pod) {}

    private static List<HasMetadata> objects(Path directory) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")
                            && !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = Serialization.unmarshal(in);
                    if (parsed instanceof List<?> list) {
                        list.forEach(item -> objects.add((HasMetadata) item));
                    } else {
                        objects.add((HasMetadata) parsed);
                    }
                }
            }
        }
        return objects;
    }

    private static List<Workload> workloads(List<HasMetadata> objects) {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof Deployment deployment) {
                var template = deployment.getSpec().getTemplate();
                workloads.add(new Workload(
                        object.getMetadata().getName(), template.getMetadata().getLabels(), template.getSpec()));
            } else if (object instanceof StatefulSet set) {
                var template = set.getSpec().getTemplate();
                workloads.add(new Workload(
                        object.getMetadata().getName(), template.getMetadata().getLabels(), template.getSpec()));
            }
        }
        return workloads;
    }

    private static boolean servesAdmin(Workload workload) {
        return workload.pod().getContainers().stream()
                .flatMap(container -> container.getPorts().stream())
                .anyMatch(port -> port.getContainerPort() == ADMIN_PORT);
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static boolean onlyMonitoring(List<NetworkPolicyPeer> from) {
        return !from.isEmpty()
                && from.stream()
                        .allMatch(peer -> peer.getPodSelector() != null
                                && "true"
                                        .equals(peer.getPodSelector()
                                                .getMatchLabels()
                                                .get(MONITORING_LABEL)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../deploy/k8s", "../deploy/k8s/pool"})
    void noPodGetsAServiceAccountTokenUnlessItCallsTheKubernetesApi(String directory) throws IOException {
        for (Workload workload : workloads(objects(Path.of(directory)))) {
            PodSpec pod = workload.pod();
            if (pod.getServiceAccountName() != null) {
                // Only serve's pool scaler calls the API (rbac.yaml: pods, nothing else).
                assertThat(workload.name()).isEqualTo("camelot-serve");
            } else {
                assertThat(pod.getAutomountServiceAccountToken())
                        .as("%s automountServiceAccountToken", workload.name())
                        .isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../deploy/k8s", "../deploy/k8s/pool"})
    void everyAdminPortAnswersMonitoringOnlyAndEveryRuleNamesItsPorts(String directory) throws IOException {
        List<HasMetadata> objects = objects(Path.of(directory));
        List<NetworkPolicy> policies = objects.stream()
                .filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast)
                .toList();
        for (Workload workload : workloads(objects)) {
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(policy -> selects(policy.getSpec().getPodSelector(), workload.labels()))
                    .toList();
            if (!servesAdmin(workload)) {
                continue;
            }
            assertThat(selecting).as("network policies of %s", workload.name()).isNotEmpty();
            boolean monitoringReachesAdmin = false;
            for (NetworkPolicy policy : selecting) {
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    // A rule without ports would open the admin port to its peers too.
                    assertThat(rule.getPorts())
                            .as("%s: a rule without ports", policy.getMetadata().getName())
                            .isNotEmpty();
                    boolean admin = rule.getPorts().stream()
                            .map(NetworkPolicyPort::getPort)
                            .anyMatch(port -> port.getIntVal() == ADMIN_PORT);
                    if (admin) {
                        assertThat(onlyMonitoring(rule.getFrom()))
                                .as("%s opens %d to %s", policy.getMetadata().getName(), ADMIN_PORT, rule.getFrom())
                                .isTrue();
                        monitoringReachesAdmin = true;
                    }
                }
            }
            assertThat(monitoringReachesAdmin)
                    .as("monitoring reaches %s's admin port", workload.name())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../deploy/k8s", "../deploy/k8s/pool"})
    void thePublicListenerServesTlsFromASecretOnlyItsPodsMount(String directory) throws IOException {
        String config = Files.readString(Path.of(directory, "config.yaml"));
        assertThat(config)
                .contains(
                        "tls = \"on\"",
                        "tls_cert = \"/etc/camelot-tls/tls.crt\"",
                        "tls_key = \"/etc/camelot-tls/tls.key\"");
        for (Workload workload : workloads(objects(Path.of(directory)))) {
            boolean servesRequesters = workload.pod().getContainers().stream()
                    .flatMap(container -> container.getPorts().stream())
                    .anyMatch(port -> port.getContainerPort() == 1947);
            boolean mountsTls = workload.pod().getVolumes().stream()
                    .anyMatch(volume -> volume.getSecret() != null
                            && LISTENER_TLS_SECRET.equals(volume.getSecret().getSecretName()));
            assertThat(mountsTls)
                    .as("%s mounts the listener certificate", workload.name())
                    .isEqualTo(servesRequesters);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"camelot-serve", "camelot-wkm"})
    void eachPoolPodHoldsOnlyItsOwnSigningKey(String name) throws IOException {
        Workload workload = workloads(objects(Path.of("../deploy/k8s/pool"))).stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow();
        Volume keys = workload.pod().getVolumes().stream()
                .filter(volume -> volume.getSecret() != null
                        && "camelot-pool-keys".equals(volume.getSecret().getSecretName()))
                .findFirst()
                .orElseThrow();
        List<String> items =
                keys.getSecret().getItems().stream().map(KeyToPath::getKey).toList();
        Container container = workload.pod().getContainers().getFirst();
        List<VolumeMount> mounts = container.getVolumeMounts().stream()
                .filter(mount -> mount.getName().equals(keys.getName()))
                .toList();
        if (name.equals("camelot-serve")) {
            assertThat(items)
                    .containsExactlyInAnyOrder(
                            "manager-key.pem",
                            "pool-peers.pem",
                            "manager-tls-cert.pem",
                            "manager-tls-key.pem",
                            POOL_CA);
        } else {
            // The volume holds the WKM replicas' keys; the container sees one of them, its pod's.
            assertThat(items)
                    .allMatch(item -> item.startsWith("camelot-wkm-")
                            || List.of("pool-peers.pem", POOL_CA).contains(item));
            assertThat(mounts)
                    .extracting(mount -> mount.getSubPathExpr() != null ? mount.getSubPathExpr() : mount.getSubPath())
                    .containsExactlyInAnyOrder(
                            "$(POD_NAME)-key.pem",
                            "pool-peers.pem",
                            "$(POD_NAME)-tls-cert.pem",
                            "$(POD_NAME)-tls-key.pem",
                            POOL_CA);
            // Each replica serves its own certificate and trusts only the pool CA.
            assertThat(String.join(" ", container.getArgs()))
                    .contains(
                            "--tls-cert /etc/camelot/pool-keys/tls-cert.pem",
                            "--tls-key /etc/camelot/pool-keys/tls-key.pem",
                            "--tls-trust /etc/camelot/pool-keys/" + POOL_CA);
            assertThat(container.getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("POD_NAME");
                assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
            });
        }
        assertThat(mounts).allMatch(VolumeMount::getReadOnly);
    }

    @Test
    void everyPoolLinkIsHttpsTrustingOnlyThePoolCa() throws IOException {
        List<String> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(POOL_DIR))) {
            for (Path file : files.toList()) {
                Matcher url = Pattern.compile("\\bhttps?://[^\\s\",]+").matcher(Files.readString(file));
                while (url.find()) {
                    urls.add(url.group());
                }
            }
        }
        assertThat(urls)
                .isNotEmpty()
                .contains(
                        "https://camelot-pool-manager:9950",
                        "https://camelot-wkm-0.camelot-wkm:7001",
                        "https://camelot-wkm-1.camelot-wkm:7001")
                .allMatch(url -> url.startsWith("https://"));
        String config = Files.readString(Path.of(POOL_DIR, "config.yaml"));
        assertThat(config.substring(config.indexOf("[pool]"))).contains("tls = \"on\"");
    }

    @Test
    void noPoolPodMountsAnotherMembersTlsKey() throws IOException {
        for (Workload workload : workloads(objects(Path.of(POOL_DIR)))) {
            Container container = workload.pod().getContainers().getFirst();
            List<String> tlsKeys = workload.pod().getVolumes().stream()
                    .filter(volume -> volume.getSecret() != null)
                    .flatMap(volume -> volume.getSecret().getItems().stream())
                    .map(KeyToPath::getKey)
                    .filter(item -> item.endsWith("-tls-key.pem"))
                    .toList();
            List<String> mountedTlsKeys = container.getVolumeMounts().stream()
                    .map(mount -> mount.getSubPathExpr() != null ? mount.getSubPathExpr() : mount.getSubPath())
                    .filter(path -> path != null && path.endsWith("-tls-key.pem"))
                    .toList();
            if (workload.name().equals("camelot-serve")) {
                assertThat(tlsKeys).containsExactly("manager-tls-key.pem");
            } else {
                // The volume lists every replica's; the container mounts only its pod's.
                assertThat(tlsKeys).containsExactlyInAnyOrder("camelot-wkm-0-tls-key.pem", "camelot-wkm-1-tls-key.pem");
                assertThat(mountedTlsKeys).containsExactly("$(POD_NAME)-tls-key.pem");
                assertThat(container.getVolumeMounts())
                        .noneMatch(mount -> mount.getSubPath() == null
                                && mount.getSubPathExpr() == null
                                && mount.getName().equals("pool-keys"));
            }
        }
    }
}
