package io.camelot.scheduler.elastic;

import java.util.Map;

/**
 * The execution adaptor the {@link PoolScaler} drives: it starts and stops instances of one worker
 * (OS processes here; Kubernetes pods in a later adaptor). Instances drain on stop: running work
 * orders finish, queued ones stay in the shared queue for the others.
 */
public interface WorkerLauncher extends AutoCloseable {

    /** Starts an instance under this name (unique among the live ones). */
    void launch(String instanceName);

    /** Asks the instance to drain and stop; it disappears from {@link #instances} once gone. */
    void stop(String instanceName);

    /** Instances launched and not yet reaped: name to whether it is still running. */
    Map<String, Boolean> instances();

    /** Forgets an instance that is no longer running (after a crash or a completed stop). */
    void reap(String instanceName);

    /** Stops every instance. */
    @Override
    void close();
}
