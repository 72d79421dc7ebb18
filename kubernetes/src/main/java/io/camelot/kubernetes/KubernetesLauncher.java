package io.camelot.kubernetes;

import io.camelot.scheduler.elastic.WorkerLauncher;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Worker instances as Kubernetes pods, through the fabric8 client: one pod per instance, labelled
 * with its pool, running the Camelot image as {@code worker} with readiness and liveness probes on
 * the health port. Stopping deletes the pod with a grace period, in which the worker drains on
 * SIGTERM; a pod deleted by someone else simply disappears, and the scaler starts a replacement.
 */
public final class KubernetesLauncher implements WorkerLauncher {
  public static final String POOL_LABEL = "camelot.io/pool";
  static final int HEALTH_PORT = 8558;

  private final KubernetesClient client;
  private final String namespace;
  private final String pool;
  private final String image;
  private final List<String> workerArgs;
  private final long drainSeconds;

  /**
   * @param workerArgs arguments after {@code worker}, e.g. {@code --config /etc/camelot/camelot.toml}
   * @param drainSeconds the pod's termination grace period: how long a stopping worker may drain
   */
  public KubernetesLauncher(
      KubernetesClient client, String namespace, String pool, String image, List<String> workerArgs, long drainSeconds) {
    this.client = client;
    this.namespace = namespace;
    this.pool = pool;
    this.image = image;
    this.workerArgs = List.copyOf(workerArgs);
    this.drainSeconds = drainSeconds;
  }

  @Override
  public void launch(String instanceName) {
    List<String> args = new ArrayList<>();
    args.add("worker");
    args.addAll(workerArgs);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(instanceName)
            .withNamespace(namespace)
            .addToLabels("app", "camelot-worker")
            .addToLabels(POOL_LABEL, pool)
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withTerminationGracePeriodSeconds(drainSeconds)
            .withContainers(
                new ContainerBuilder()
                    .withName("worker")
                    .withImage(image)
                    .withArgs(args)
                    .addNewPort().withName("health").withContainerPort(HEALTH_PORT).endPort()
                    .withReadinessProbe(probe("/health/ready"))
                    .withLivenessProbe(probe("/health/live"))
                    .build())
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(pod).create();
  }

  private static io.fabric8.kubernetes.api.model.Probe probe(String path) {
    return new ProbeBuilder()
        .withHttpGet(new HTTPGetActionBuilder().withPath(path).withPort(new IntOrString(HEALTH_PORT)).build())
        .withPeriodSeconds(10)
        .build();
  }

  @Override
  public void stop(String instanceName) {
    client.pods().inNamespace(namespace).withName(instanceName).withGracePeriod(drainSeconds).delete();
  }

  /** The pool's pods; a pod counts as running until it has Failed or Succeeded (Pending included). */
  @Override
  public Map<String, Boolean> instances() {
    Map<String, Boolean> instances = new TreeMap<>();
    for (Pod pod : client.pods().inNamespace(namespace).withLabel(POOL_LABEL, pool).list().getItems()) {
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
    client.pods().inNamespace(namespace).withLabel(POOL_LABEL, pool).withGracePeriod(drainSeconds).delete();
  }
}
