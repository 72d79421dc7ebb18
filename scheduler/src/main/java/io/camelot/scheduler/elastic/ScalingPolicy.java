package io.camelot.scheduler.elastic;

import java.time.Duration;

/**
 * When to add and remove instances.
 *
 * @param min instances kept even when idle (0 allowed: started on the first work order)
 * @param max instances never exceeded
 * @param workOrdersPerInstance queued plus running work orders one instance is expected to carry;
 *     more than that per instance scales up at once
 * @param concurrency work orders one instance runs at once (for utilisation)
 * @param scaleDownUtilisation below this share of busy threads, with nothing queued, the pool is
 *     idle
 * @param idleBeforeScaleDown how long the pool must stay idle before one instance is removed (and
 *     again before the next), so a short lull does not shed capacity
 */
public record ScalingPolicy(
        int min,
        int max,
        int workOrdersPerInstance,
        int concurrency,
        double scaleDownUtilisation,
        Duration idleBeforeScaleDown) {

    public ScalingPolicy {
        if (min < 0 || max < 1 || min > max) {
            throw new IllegalArgumentException("need 0 <= min <= max and max >= 1, got min " + min + ", max " + max);
        }
        if (workOrdersPerInstance < 1 || concurrency < 1) {
            throw new IllegalArgumentException("workOrdersPerInstance and concurrency must be at least 1");
        }
    }

    /** Instances the load needs, within min and max; never fewer than running work orders need. */
    int needed(PoolLoad load) {
        long demand = load.queued() + load.running();
        long byDemand = (demand + workOrdersPerInstance - 1) / workOrdersPerInstance;
        long byRunning = (load.running() + concurrency - 1) / concurrency;
        return (int) Math.max(min, Math.min(max, Math.max(byDemand, byRunning)));
    }

    /** Whether the load leaves the current instances mostly idle. */
    boolean idle(PoolLoad load, int instances) {
        if (load.queued() > 0) {
            return false;
        }
        return instances == 0 || (double) load.running() / ((long) instances * concurrency) < scaleDownUtilisation;
    }
}
