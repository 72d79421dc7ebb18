package io.camelot.scheduler.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.scheduler.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The scaling logic against an in-memory launcher, with a clock the test moves. */
class PoolScalerTest {
    final FakeLauncher launcher = new FakeLauncher();
    final AtomicReference<PoolLoad> load = new AtomicReference<>(new PoolLoad(0, 0));
    final ManualClock clock = new ManualClock();
    final ScalingPolicy policy = new ScalingPolicy(1, 4, 10, 2, 0.5, Duration.ofSeconds(30));
    final PoolScaler scaler = new PoolScaler(launcher, policy, load::get, "wp", clock);

    static final class FakeLauncher implements WorkerLauncher {
        final Map<String, Boolean> instances = new TreeMap<>();
        final List<String> stopped = new ArrayList<>();

        @Override
        public void launch(String name) {
            assertThat(instances).doesNotContainKey(name);
            instances.put(name, true);
        }

        @Override
        public void stop(String name) {
            stopped.add(name);
        }

        @Override
        public Map<String, Boolean> instances() {
            return new TreeMap<>(instances);
        }

        @Override
        public void reap(String name) {
            instances.remove(name);
        }

        @Override
        public void close() {
            instances.clear();
        }

        void exit(String name) {
            instances.put(name, false);
        }
    }

    @Test
    void startsTheMinimumAndScalesUpAtOnceUnderABurstButNeverBeyondMax() {
        assertThat(scaler.reconcile()).isEqualTo(1);
        assertThat(launcher.instances).containsOnlyKeys("wp-1");

        load.set(new PoolLoad(25, 2));
        assertThat(scaler.reconcile()).isEqualTo(3);
        assertThat(launcher.instances).containsOnlyKeys("wp-1", "wp-2", "wp-3");

        load.set(new PoolLoad(10_000, 6));
        assertThat(scaler.reconcile()).isEqualTo(4);
        assertThat(scaler.reconcile()).isEqualTo(4);
        assertThat(launcher.instances).hasSize(4);
        assertThat(launcher.stopped).isEmpty();
    }

    @Test
    void runningWorkOrdersKeepTheirInstancesEvenWithNothingQueued() {
        load.set(new PoolLoad(0, 7));
        assertThat(scaler.reconcile()).isEqualTo(4);
        clock.advance(Duration.ofMinutes(5));
        assertThat(scaler.reconcile()).isEqualTo(4);
        assertThat(launcher.stopped).isEmpty();
    }

    @Test
    void scalesDownOneInstanceAtATimeOnlyAfterStayingIdle() {
        load.set(new PoolLoad(100, 0));
        scaler.reconcile();
        assertThat(launcher.instances).hasSize(4);

        load.set(new PoolLoad(0, 1));
        scaler.reconcile();
        clock.advance(Duration.ofSeconds(29));
        scaler.reconcile();
        assertThat(launcher.stopped).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(scaler.reconcile()).isEqualTo(3);
        assertThat(launcher.stopped).containsExactly("wp-4");
        launcher.exit("wp-4");

        // A burst in between resets the idle period.
        clock.advance(Duration.ofSeconds(20));
        load.set(new PoolLoad(5, 1));
        scaler.reconcile();
        load.set(new PoolLoad(0, 0));
        scaler.reconcile();
        clock.advance(Duration.ofSeconds(20));
        scaler.reconcile();
        assertThat(launcher.stopped).containsExactly("wp-4");

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(30));
            scaler.reconcile();
            launcher.stopped.forEach(name -> {
                if (launcher.instances.containsKey(name)) launcher.exit(name);
            });
        }
        scaler.reconcile();
        assertThat(launcher.instances).containsOnlyKeys("wp-1");
        assertThat(launcher.stopped).containsExactly("wp-4", "wp-3", "wp-2");
    }

    @Test
    void anInstanceThatDiesIsReplaced() {
        load.set(new PoolLoad(15, 0));
        scaler.reconcile();
        assertThat(launcher.instances).containsOnlyKeys("wp-1", "wp-2");

        launcher.exit("wp-1");
        assertThat(scaler.reconcile()).isEqualTo(2);

        assertThat(launcher.instances).containsOnlyKeys("wp-2", "wp-3");
        assertThat(launcher.instances.values()).containsOnly(true);
    }

    @Test
    void instancesDyingRightAfterLaunchAreReplacedWithAGrowingBackoff() {
        scaler.reconcile();
        launcher.exit("wp-1");
        // The first early death is replaced at once: one crash is not a loop.
        scaler.reconcile();
        assertThat(launcher.instances).containsOnlyKeys("wp-2");

        launcher.exit("wp-2");
        scaler.reconcile();
        assertThat(launcher.instances).isEmpty();
        clock.advance(PoolScaler.FIRST_BACKOFF.minusMillis(1));
        scaler.reconcile();
        assertThat(launcher.instances).isEmpty();
        clock.advance(Duration.ofMillis(1));
        scaler.reconcile();
        assertThat(launcher.instances).containsOnlyKeys("wp-3");

        launcher.exit("wp-3");
        scaler.reconcile();
        clock.advance(PoolScaler.FIRST_BACKOFF);
        scaler.reconcile();
        assertThat(launcher.instances).as("the wait doubled").isEmpty();
        clock.advance(PoolScaler.FIRST_BACKOFF);
        scaler.reconcile();
        assertThat(launcher.instances).containsOnlyKeys("wp-4");

        // An instance that lived past the crash window ends the loop: replaced at once again.
        clock.advance(PoolScaler.CRASH_WINDOW);
        launcher.exit("wp-4");
        scaler.reconcile();
        assertThat(launcher.instances).containsOnlyKeys("wp-5");
    }

    @Test
    void aMinimumOfZeroStartsOnTheFirstWorkOrder() {
        PoolScaler onDemand =
                new PoolScaler(launcher, new ScalingPolicy(0, 2, 10, 2, 0.5, Duration.ZERO), load::get, "wp", clock);
        assertThat(onDemand.reconcile()).isZero();
        assertThat(launcher.instances).isEmpty();

        load.set(new PoolLoad(1, 0));
        assertThat(onDemand.reconcile()).isEqualTo(1);
        assertThat(launcher.instances).hasSize(1);
    }
}
