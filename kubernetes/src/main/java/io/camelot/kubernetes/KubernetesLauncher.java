package io.camelot.kubernetes;

import io.camelot.pool.manager.PeerFiles;
import io.camelot.pool.manager.WpLaunchSpec;
import io.camelot.scheduler.elastic.WorkerLauncher;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Worker instances as Kubernetes pods, through the fabric8 client: one pod per instance, labelled
 * with its pool, running the Camelot image as {@code worker}, or as a pool's {@code wp} (see {@link
 * #workorderProcessors}), with readiness and liveness probes on the health port. Stopping deletes
 * the pod with a grace period, in which the instance drains on SIGTERM; a pod deleted by someone
 * else simply disappears, and the scaler starts a replacement. No pod gets a service-account token
 * (none calls the Kubernetes API), and a WP pod sees only its own key files of the pool's Secret.
 */
public final class KubernetesLauncher implements WorkerLauncher {
    public static final String POOL_LABEL = "camelot.io/pool";
    static final int HEALTH_PORT = 8558;

    /** A WP pod's pool API: fixed, so a network policy can open it to the Worker Manager alone. */
    static final int WP_PORT = 9960;

    /** The pod's IP, from the downward API: where a WP pod is reached. */
    static final String POD_IP = "POD_IP";

    /**
     * Where a WP pod finds the pool's signing keys (a Secret made with camelot operator pool-keys).
     */
    public static final String POOL_KEYS_MOUNT = "/etc/camelot/pool-keys";

    private final KubernetesClient client;
    private final String namespace;
    private final String pool;
    private final String image;
    private final String app;
    private final List<String> args;
    private final boolean podIpEnv;
    private final String keysSecret;
    private final List<String> keyFiles;
    private final long drainSeconds;

    /**
     * @param workerArgs arguments after {@code worker}, e.g. {@code --config
     *     /etc/camelot/camelot.toml}
     * @param drainSeconds the pod's termination grace period: how long a stopping worker may drain
     */
    public KubernetesLauncher(
            KubernetesClient client,
            String namespace,
            String pool,
            String image,
            List<String> workerArgs,
            long drainSeconds) {
        this(
                client,
                namespace,
                pool,
                image,
                "camelot-worker",
                concat("worker", workerArgs),
                false,
                "",
                List.of(),
                drainSeconds);
    }

    private KubernetesLauncher(
            KubernetesClient client,
            String namespace,
            String pool,
            String image,
            String app,
            List<String> args,
            boolean podIpEnv,
            String keysSecret,
            List<String> keyFiles,
            long drainSeconds) {
        this.client = client;
        this.namespace = namespace;
        this.pool = pool;
        this.image = image;
        this.app = app;
        this.args = List.copyOf(args);
        this.podIpEnv = podIpEnv;
        this.keysSecret = keysSecret;
        this.keyFiles = List.copyOf(keyFiles);
        this.drainSeconds = drainSeconds;
    }

    /**
     * Workorder Processors of a pool as pods running {@code wp}: each binds all interfaces on
     * {@value #WP_PORT} and registers under its pod IP ({@code POD_IP} from the downward API), serves its admin port on the
     * health port for the probes, and deregisters and drains on SIGTERM. It signs its pool calls with
     * the key files of {@code wp} (and, if they name TLS files, serves and calls HTTPS with them),
     * found by name in the {@code keysSecret} Secret: only those files of it are mounted, read-only,
     * at {@value #POOL_KEYS_MOUNT}, so a WP pod never holds another member's key.
     *
     * @param wp the WP's other settings (manager URL, slots, TEE directory, restarts)
     */
    public static KubernetesLauncher workorderProcessors(
            KubernetesClient client,
            String namespace,
            String pool,
            String image,
            String keysSecret,
            WpLaunchSpec wp,
            long drainSeconds) {
        WpLaunchSpec pod = wp.toBuilder()
                .host("0.0.0.0")
                .port(WP_PORT)
                .advertiseHost("$(" + POD_IP + ")")
                .adminHost("0.0.0.0")
                .adminPort(HEALTH_PORT)
                .peer(wp.peer().in(Path.of(POOL_KEYS_MOUNT)))
                .build();
        return new KubernetesLauncher(
                client,
                namespace,
                pool,
                image,
                "camelot-wp",
                pod.toArgs(),
                true,
                keysSecret,
                fileNames(wp.peer()),
                drainSeconds);
    }

    private static List<String> fileNames(PeerFiles files) {
        return Stream.of(files.signingKey(), files.peerKeys(), files.tlsCert(), files.tlsKey(), files.tlsTrust())
                .filter(Objects::nonNull)
                .map(file -> file.getFileName().toString())
                .distinct()
                .toList();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @Override
    public void launch(String instanceName) {
        ContainerBuilder container = new ContainerBuilder()
                .withName(app.substring("camelot-".length()))
                .withImage(image)
                .withArgs(args)
                .addNewPort()
                .withName("health")
                .withContainerPort(HEALTH_PORT)
                .endPort()
                .withReadinessProbe(probe("/health/ready"))
                .withLivenessProbe(probe("/health/live"));
        if (podIpEnv) {
            container
                    .addNewEnv()
                    .withName(POD_IP)
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withFieldPath("status.podIP")
                    .endFieldRef()
                    .endValueFrom()
                    .endEnv();
        }
        List<Volume> volumes = new ArrayList<>();
        if (!keysSecret.isEmpty()) {
            container
                    .addNewVolumeMount()
                    .withName("pool-keys")
                    .withMountPath(POOL_KEYS_MOUNT)
                    .withReadOnly(true)
                    .endVolumeMount();
            volumes.add(new VolumeBuilder()
                    .withName("pool-keys")
                    .withNewSecret()
                    .withSecretName(keysSecret)
                    .withItems(keyFiles.stream()
                            .map(file -> new KeyToPath(file, null, file))
                            .toList())
                    .withDefaultMode(0400)
                    .endSecret()
                    .build());
        }
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(instanceName)
                .withNamespace(namespace)
                .addToLabels("app", app)
                .addToLabels(POOL_LABEL, pool)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(drainSeconds)
                .withContainers(container.build())
                .withVolumes(volumes)
                .endSpec()
                .build();
        client.pods().inNamespace(namespace).resource(pod).create();
    }

    private static io.fabric8.kubernetes.api.model.Probe probe(String path) {
        return new ProbeBuilder()
                .withHttpGet(new HTTPGetActionBuilder()
                        .withPath(path)
                        .withPort(new IntOrString(HEALTH_PORT))
                        .build())
                .withPeriodSeconds(10)
                .build();
    }

    @Override
    public void stop(String instanceName) {
        client.pods()
                .inNamespace(namespace)
                .withName(instanceName)
                .withGracePeriod(drainSeconds)
                .delete();
    }

    /**
     * The pool's pods; a pod counts as running until it has Failed or Succeeded (Pending included).
     */
    @Override
    public Map<String, Boolean> instances() {
        Map<String, Boolean> instances = new TreeMap<>();
        for (Pod pod : client.pods()
                .inNamespace(namespace)
                .withLabel(POOL_LABEL, pool)
                .list()
                .getItems()) {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            boolean ended = "Failed".equals(phase) || "Succeeded".equals(phase);
            instances.put(pod.getMetadata().getName(), !ended);
        }
        return instances;
    }

    @Override
    public void reap(String instanceName) {
        client.pods().inNamespace(namespace).withName(instanceName).delete();
    }

    /** Deletes the pool's pods (each drains within its grace period). */
    @Override
    public void close() {
        client.pods()
                .inNamespace(namespace)
                .withLabel(POOL_LABEL, pool)
                .withGracePeriod(drainSeconds)
                .delete();
    }
}
