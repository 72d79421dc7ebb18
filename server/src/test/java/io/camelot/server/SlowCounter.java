package io.camelot.server;

import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Test-only workload: adds one to a stored counter, taking 50 ms to do it, so that work orders
 * queue up behind each other and a restart finds some still pending. A lost or doubled work order
 * shows in the final count.
 */
public final class SlowCounter implements Workload {
    static final String NAME = "test-slow-counter";
    private static final Duration WORK = Duration.ofMillis(50);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean stateful() {
        return true;
    }

    @Override
    public List<Item> process(List<Item> inputs, WorkloadContext context) {
        LockSupport.parkNanos(WORK.toNanos());
        long count = context.state("count")
                        .map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8)))
                        .orElse(0L)
                + 1;
        context.putState("count", Long.toString(count).getBytes(StandardCharsets.UTF_8));
        return List.of(Item.ofText(0, "COUNT: " + count));
    }
}
