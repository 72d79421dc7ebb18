package io.camelot.server;

import io.camelot.kubernetes.KubernetesLauncher;
import io.camelot.pool.manager.JavaLauncher;
import io.camelot.pool.manager.LocalPool;
import io.camelot.pool.manager.PoolDispatcher;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.pool.manager.WpLaunchSpec;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.elastic.LocalProcessLauncher;
import io.camelot.scheduler.elastic.PoolLoad;
import io.camelot.scheduler.elastic.PoolScaler;
import io.camelot.scheduler.elastic.ScalingPolicy;
import io.camelot.scheduler.elastic.WorkerLauncher;
import io.camelot.server.config.PoolSection;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * An elastic pool's WPs: a {@link PoolScaler} keeps between {@code processors} and {@code
 * max_processors} of them, started by the configured execution adaptor (child processes or pods) as
 * {@code camelot wp --register}, so each registers with the Worker Manager and deregisters and
 * drains when stopped. The load is the pool worker's work orders waiting in its queue lane or for a
 * WP slot, and the WP slots busy now.
 */
final class ElasticPool implements AutoCloseable {
    /** Below this share of busy slots, with nothing waiting, the pool counts as idle. */
    private static final double SCALE_DOWN_UTILISATION = 0.5;

    private static final Duration ROUND = Duration.ofSeconds(1);

    private final WorkerLauncher launcher;
    private final PoolScaler scaler;

    private ElasticPool(WorkerLauncher launcher, PoolScaler scaler) {
        this.launcher = launcher;
        this.scaler = scaler;
    }

    static ElasticPool start(
            PoolSection config,
            LocalPool pool,
            PoolDispatcher dispatcher,
            PersistentWorkOrderQueue queue,
            String poolWorkerId,
            JavaLauncher java,
            Path logDir,
            Clock clock) {
        String managerUrl = config.managerUrl().isBlank() ? pool.manager().url() : config.managerUrl();
        WorkerLauncher launcher = config.launcher() == PoolSection.Launcher.KUBERNETES
                ? KubernetesLauncher.workorderProcessors(
                        new KubernetesClientBuilder().build(),
                        config.kubernetesNamespace(),
                        config.name(),
                        config.kubernetesImage(),
                        config.kubernetesKeysSecret(),
                        // Named, not read: the WP pods mount their key (and TLS files) from the Secret,
                        // and this node's own mount of it holds only the manager's and the peer lists.
                        WpLaunchSpec.builder(
                                        managerUrl,
                                        Path.of("/tmp/camelot-tee"),
                                        PoolIdentities.fileNames(
                                                PoolIdentities.ELASTIC_WP, config.tls() == PoolSection.Tls.ON))
                                .register(true)
                                .slots(config.slotsPerProcessor())
                                .restartAfter(config.restartWpAfter())
                                .build(),
                        config.drainSeconds())
                : localLauncher(pool.processorSpec(managerUrl, "", PoolIdentities.ELASTIC_WP), java, logDir);
        ScalingPolicy policy = new ScalingPolicy(
                config.processors(),
                config.maxProcessors(),
                config.workOrdersPerProcessor(),
                config.slotsPerProcessor(),
                SCALE_DOWN_UTILISATION,
                Duration.ofSeconds(config.scaleDownIdleSeconds()));
        PoolScaler scaler = new PoolScaler(
                launcher,
                policy,
                () -> new PoolLoad(queue.queued(poolWorkerId) + dispatcher.waiting(), dispatcher.busySlots()),
                "wp",
                clock);
        scaler.start(ROUND);
        return new ElasticPool(launcher, scaler);
    }

    /** Built once: a key set without the elastic WPs' member fails here, not at the first launch. */
    private static WorkerLauncher localLauncher(WpLaunchSpec processor, JavaLauncher java, Path logDir) {
        return new LocalProcessLauncher(name -> java.command(processor.toArgs()), logDir);
    }

    WorkerLauncher launcher() {
        return launcher;
    }

    /** Stops scaling, then stops every WP; each deregisters and drains first. */
    @Override
    public void close() {
        scaler.close();
        launcher.close();
    }
}
